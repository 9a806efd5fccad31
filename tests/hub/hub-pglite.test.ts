import { describe } from 'vitest';
import { hubScenario } from './scenario.js';

describe('hub on PGlite (the embedded default)', () => {
  hubScenario(async () => ({}));
});
