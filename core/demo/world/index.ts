import { makeAccounts } from './accounts.js';
import { addDays } from './calendar.js';
import { makeSubjects, makeTaskForce, type CastContext } from './cast.js';
import { makeIdFactory } from './ids.js';
import * as N from './names.js';
import { Rng } from './random.js';
import { crypto } from './schemes/crypto.js';
import { everyday } from './schemes/everyday.js';
import { layering } from './schemes/layering.js';
import { predicateOffence } from './schemes/predicate.js';
import { smurfing } from './schemes/smurfing.js';
import { spending } from './schemes/spending.js';
import { seizeAssets } from './seized-assets.js';
import { AssetBook } from './seizures.js';
import { Sim } from './simulation.js';
import { TIMELINE } from './timeline.js';
import type { DemoCase } from './types.js';
import type { World } from './world.js';

export type { DemoCase } from './types.js';
export { demoCaseNumber } from './cast.js';
export { REPORTING_THRESHOLD } from './schemes/smurfing.js';

export const MAX_DEMO_SCALE = 100;

/**
 * The demo case of a joint task force, as plain rows: deterministic from `seed` (same seed and
 * scale, same bytes, ids included). `scale` multiplies the victims, the mules and the businesses'
 * ordinary trade, for benchmarks that need a bigger case with the same shape.
 */
export function generateDemo(seed: number, scale = 1): DemoCase {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`demo seed must be a whole number >= 0, not ${seed}`);
  if (!Number.isInteger(scale) || scale < 1 || scale > MAX_DEMO_SCALE) throw new RangeError(`demo scale must be a whole number from 1 to ${MAX_DEMO_SCALE}, not ${scale}`);
  const root = new Rng(seed);
  // Ids come from their own stream, keyed by the scale too, so a scaled case never reuses the ids of the plain one.
  const newId = makeIdFactory(new Rng(seed, `ids/scale=${scale}`));
  const c: CastContext = { rng: root.fork('cast'), newId, scale };
  const taskForce = makeTaskForce(c, seed);
  const caseId = taskForce.caseRow.id;
  const subjects = makeSubjects(c, caseId);
  const accounts = makeAccounts(c, caseId, subjects);

  const enteredAt = `${addDays(TIMELINE.takedown, 11)}T13:00:00.000Z`;
  const sim = new Sim(TIMELINE.start, TIMELINE.takedown, caseId, newId, root.fork('references'), enteredAt);
  const world: World = {
    sim, rng: root, scale, acct: accounts.acct, mules: accounts.mules, subjects,
    purchases: { truck: [], propertyFunding: [], coldTransfers: [] },
  };
  for (const scheme of [everyday, predicateOffence, layering, smurfing, spending, crypto]) scheme(world);
  sim.run();

  const book = new AssetBook(caseId, taskForce.agencies, newId, root.fork('custody'), N.SPECIAL_AGENTS);
  seizeAssets(world, book, root.fork('seizures'));

  return {
    seed,
    scale,
    agencies: Object.values(taskForce.agencies),
    case: taskForce.caseRow,
    participants: taskForce.participants,
    subjects: subjects.all,
    accounts: accounts.all,
    transactions: sim.ledger.transactions,
    assets: book.assets,
    assetStatusEvents: book.statusEvents,
    custodyEvents: book.custody,
    assetLinks: book.links,
  };
}
