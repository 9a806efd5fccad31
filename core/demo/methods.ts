import { z } from 'zod';
import { mutation } from '../contract.js';
import { loadDemo } from './load.js';

export const demoMethods = {
  /** Loads the deterministic demo case (a joint task force with layering chains); same seed, same case. */
  'demo.load': mutation(z.object({ seed: z.number().int().min(0).default(7) }), (input, ctx) => loadDemo(ctx, input.seed), { long: true }),
};
