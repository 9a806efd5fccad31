/** A screen rectangle: x0, y0, x1, y1. */
export type Box = [number, number, number, number];

export const overlaps = (boxes: Box[], b: Box) => boxes.some((o) => b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1]);

/**
 * Where a node's label goes: below the node, else above, right or left of it, whichever first
 * collides with no label, amount or note already placed (and no other node's disc). Returns the
 * text's anchor (centre top for below/above, left or right middle for the sides) or undefined.
 */
export function placeLabel(
  x: number, y: number, r: number, w: number, h: number, taken: Box[], discs?: (b: Box) => boolean,
): { x: number; y: number; align: 'center' | 'left' | 'right'; box: Box } | undefined {
  const gap = 3;
  const candidates: { x: number; y: number; align: 'center' | 'left' | 'right'; box: Box }[] = [
    { x, y: y + r + gap, align: 'center', box: [x - w / 2, y + r + gap, x + w / 2, y + r + gap + h] },
    { x, y: y - r - gap - h, align: 'center', box: [x - w / 2, y - r - gap - h, x + w / 2, y - r - gap] },
    { x: x + r + gap + 2, y: y - h / 2, align: 'left', box: [x + r + gap + 2, y - h / 2, x + r + gap + 2 + w, y + h / 2] },
    { x: x - r - gap - 2, y: y - h / 2, align: 'right', box: [x - r - gap - 2 - w, y - h / 2, x - r - gap - 2, y + h / 2] },
  ];
  return candidates.find((c) => !overlaps(taken, c.box) && !discs?.(c.box));
}
