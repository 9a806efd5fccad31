import type { Scene } from './scene';

/**
 * The node to go to from `from` with an arrow key (dx, dy): among nodes lying within 60 degrees
 * of that direction, the nearest, with distance off the axis counting double. Undefined at an edge.
 */
export function nearestInDirection(scene: Scene, from: number, dx: number, dy: number): number | undefined {
  let best: number | undefined;
  let bestScore = Infinity;
  for (let i = 0; i < scene.n; i++) {
    if (i === from) continue;
    const [vx, vy] = [scene.x[i] - scene.x[from], scene.y[i] - scene.y[from]];
    const along = vx * dx + vy * dy;
    const across = Math.abs(vx * dy - vy * dx);
    if (along <= 0 || across > along * Math.tan(Math.PI / 3)) continue;
    const score = along + 2 * across;
    if (score < bestScore) [best, bestScore] = [i, score];
  }
  return best;
}
