import { z } from 'zod';
import { mutation } from '../contract.js';
import { loadDemo } from './load.js';
import { MAX_DEMO_SCALE } from './world/index.js';

export const demoMethods = {
  /** Loads the deterministic demo case (a joint task force with layering chains); same seed, same case. */
  'demo.load': mutation(
    z.object({
      seed: z.number().int('the seed is a whole number').min(0, 'the seed cannot be negative').default(7),
      /** Multiplies victims, mules and ordinary trade, for benchmarks; 1 is the demo as shown. */
      scale: z.number().int('the scale is a whole number').min(1, 'the scale is at least 1').max(MAX_DEMO_SCALE, `the scale is at most ${MAX_DEMO_SCALE}`).default(1),
    }),
    (input, ctx) => loadDemo(ctx, input.seed, input.scale),
    { long: true },
  ),
};
