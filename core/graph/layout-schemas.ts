import { z } from 'zod';
import { uuid } from '../cases/schemas.js';

/**
 * What a saved chart layout may hold. Shared by the contract (layout.save) and the bundle record
 * schema, so a bundle can never carry a layout the app itself would refuse.
 */

/** Graph coordinates: finite, and far beyond any layout d3-force makes, but bounded. */
const coord = z.number().finite().min(-1e7).max(1e7);
const size = z.number().finite().min(0).max(1e7);
/** A node of graph.flows: an account or subject UUID, or "outside:<account id>". */
const nodeId = z.string().min(1).max(200);
const annotationText = z.string().max(2000);

export const HIGHLIGHT_COLORS = ['yellow', 'red', 'green', 'blue'] as const;

export const Annotation = z.discriminatedUnion('kind', [
  z.object({ id: z.string().min(1).max(64), kind: z.literal('note'), x: coord, y: coord, text: annotationText }).strict(),
  z.object({ id: z.string().min(1).max(64), kind: z.literal('box'), x: coord, y: coord, w: size, h: size, text: annotationText }).strict(),
  z.object({ id: z.string().min(1).max(64), kind: z.literal('highlight'), nodeId, color: z.enum(HIGHLIGHT_COLORS), text: annotationText }).strict(),
]);
export type Annotation = z.infer<typeof Annotation>;

export const LayoutState = z
  .object({
    /** Node id -> [x, y, pinned (1) or not (0)]. */
    nodes: z.record(nodeId, z.tuple([coord, coord, z.union([z.literal(0), z.literal(1)])])).refine((r) => Object.keys(r).length <= 100_000, 'too many nodes (at most 100,000)'),
    hidden: z.array(nodeId).max(100_000).default([]),
    annotations: z.array(Annotation).max(1000).default([]),
  })
  .strict();
export type LayoutState = z.infer<typeof LayoutState>;

const layoutName = z.string().trim().min(1, 'is required').max(120);

export const LayoutSave = z.object({ caseId: uuid, name: layoutName, state: LayoutState });
export const LayoutList = z.object({ caseId: uuid });
export const LayoutRef = z.object({ id: uuid });
