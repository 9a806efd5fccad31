import type { Ctx } from '../context.js';

// Placeholder until the demo generator lands (assets/demo). Replaced in the foundation work.
export function loadDemo(_ctx: Ctx, _seed: number): { caseId: string; number: string } {
  throw new Error('demo generator not written yet');
}
