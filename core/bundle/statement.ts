import { z } from 'zod';
import type { KeyObject } from 'node:crypto';
import { ed25519Sign, ed25519Verify } from '../keys/ed25519.js';
import type { ExportAnchor } from '../audit/anchor.js';
import { DSSE_PAYLOAD_TYPE, PREDICATE_TYPE, STATEMENT_TYPE } from './format.js';

/**
 * The bundle's signature: a DSSE envelope (github.com/secure-systems-lab/dsse) over an in-toto
 * Statement v1 whose subjects are every other file of the bag with its SHA-256 and size.
 */

export interface Subject {
  name: string;
  digest: { sha256: string };
  annotations: { size: number };
}

export interface BundlePredicate {
  formatVersion: number;
  bundleId: string;
  case: { id: string; number: string; title: string };
  /** `publicKey`: the signing key's minisign blob, so a receiver without it can name its fingerprint. */
  sendingAgency: { name: string; keyId: string; fingerprint: string; publicKey?: string };
  recipients: string[];
  /** The recipients' age keys the bundle was sealed to (empty: not sealed). Signed, so it binds them. */
  sealedTo?: { agency: string; ageRecipient: string }[];
  createdAt: string;
  software: { name: string; version: string };
  previousBundleId: string | null;
  /** What of the case was included: the whole case or a selection. */
  scope: Record<string, unknown>;
  recordCounts: Record<string, number>;
  /** The sender's signed audit checkpoint and consistency proofs (docs/audit-log.md); absent in older bundles. */
  auditLog?: ExportAnchor;
}

export interface Statement {
  _type: typeof STATEMENT_TYPE;
  subject: Subject[];
  predicateType: typeof PREDICATE_TYPE;
  predicate: BundlePredicate;
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'not a lower-case SHA-256');
export const StatementSchema = z.object({
  _type: z.literal(STATEMENT_TYPE),
  subject: z
    .array(z.object({ name: z.string().min(1), digest: z.object({ sha256: hex64 }), annotations: z.object({ size: z.number().int().min(0) }) }))
    .min(1),
  predicateType: z.literal(PREDICATE_TYPE),
  predicate: z.object({
    formatVersion: z.literal(1),
    bundleId: z.string().uuid(),
    case: z.object({ id: z.string().uuid(), number: z.string().min(1), title: z.string() }),
    sendingAgency: z.object({ name: z.string().min(1), keyId: z.string(), fingerprint: z.string(), publicKey: z.string().max(100).optional() }),
    recipients: z.array(z.string()),
    sealedTo: z.array(z.object({ agency: z.string(), ageRecipient: z.string().regex(/^age1[0-9a-z]{58}$/) })).optional(),
    createdAt: z.string().datetime(),
    software: z.object({ name: z.string(), version: z.string() }),
    previousBundleId: z.string().uuid().nullable(),
    scope: z.record(z.string(), z.unknown()),
    recordCounts: z.record(z.string(), z.number().int().min(0)),
    auditLog: z
      .object({ checkpoint: z.string().max(100_000), consistency: z.array(z.object({ fromSize: z.number().int().min(0), proof: z.array(z.string().max(100)).max(64) })).max(64) })
      .optional(),
  }),
});

export interface Envelope {
  payloadType: string;
  payload: string;
  signatures: { keyid: string; sig: string }[];
}

const EnvelopeSchema = z.object({
  payloadType: z.string(),
  payload: z.string(),
  signatures: z.array(z.object({ keyid: z.string().default(''), sig: z.string() })).min(1),
});

/** DSSE's pre-authentication encoding: the bytes actually signed. */
export function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

export function signStatement(statement: Statement, key: KeyObject, keyid: string): Envelope {
  const payload = Buffer.from(JSON.stringify(statement), 'utf8');
  const sig = ed25519Sign(key, pae(DSSE_PAYLOAD_TYPE, payload));
  return { payloadType: DSSE_PAYLOAD_TYPE, payload: payload.toString('base64'), signatures: [{ keyid, sig: sig.toString('base64') }] };
}

export type OpenedEnvelope =
  | { ok: true; envelope: Envelope; payload: Buffer }
  | { ok: false; message: string };

/** Parses the envelope file; never throws on hostile input. */
export function openEnvelope(text: string): OpenedEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `the signature envelope is not JSON (${(e as Error).message})` };
  }
  const parsed = EnvelopeSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: `the signature envelope is malformed: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}` };
  if (parsed.data.payloadType !== DSSE_PAYLOAD_TYPE) return { ok: false, message: `unexpected payload type "${parsed.data.payloadType}"` };
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(parsed.data.payload)) return { ok: false, message: 'the envelope payload is not base64' };
  return { ok: true, envelope: parsed.data, payload: Buffer.from(parsed.data.payload, 'base64') };
}

/** Which of the envelope's signatures (if any) verifies under this raw Ed25519 public key. */
export function envelopeSignedBy(opened: { envelope: Envelope; payload: Buffer }, publicKey: Buffer): boolean {
  const message = pae(opened.envelope.payloadType, opened.payload);
  return opened.envelope.signatures.some((s) => ed25519Verify(publicKey, message, Buffer.from(s.sig, 'base64')));
}

export function parseStatement(payload: Buffer): { ok: true; statement: Statement } | { ok: false; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch (e) {
    return { ok: false, message: `the signed statement is not JSON (${(e as Error).message})` };
  }
  const parsed = StatementSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return { ok: false, message: `the signed statement is malformed: ${i.path.join('.')}: ${i.message}` };
  }
  return { ok: true, statement: parsed.data };
}
