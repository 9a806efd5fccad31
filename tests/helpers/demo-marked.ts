import type { Core } from '../../core/core.js';

/** The demo case (seed 7), and the victims' payments into the front company's collection accounts (the predicate offence). */
export async function demoWithVictims(core: Core) {
  const r = await core.call('demo.load', { seed: 7 });
  const victims = (
    core.reader.sqlite
      .prepare(
        `SELECT t.id FROM transactions t JOIN accounts a ON a.id = t.to_account_id
         WHERE t.case_id = ? AND t.from_account_id IS NULL AND a.holder_name = 'Clearview PC Care LLC' AND t.memo NOT LIKE 'Balance brought forward%'`,
      )
      .all(r.caseId) as { id: string }[]
  ).map((x) => x.id);
  return { ...r, victims };
}
