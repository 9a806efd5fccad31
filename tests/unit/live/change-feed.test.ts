import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../core/core.js';
import Database from 'better-sqlite3';
import { ChangeFeed, type Change } from '../../../core/change-feed.js';
import { dependsOn } from '../../../renderer/src/api/dependencies.js';
import { tempCore } from '../../helpers/core.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('change feed', () => {
  it('reports what another connection to the same file committed (as another process would), once', async () => {
    const t = tempCore('feed');
    const other = new Core({ dbPath: t.dbPath, actor: { user: 'cli', agency: 'Test Agency' } });
    cleanup = () => { other.close(); t.cleanup(); };
    const seen: Change[][] = [];
    const stop = t.core.onChanges((c) => seen.push(c));
    const c = await other.call('cases.create', { number: 'TF-F-1', title: 'Feed' });
    await other.call('subjects.create', { caseId: c.id, kind: 'person', name: 'A' });
    await other.call('subjects.create', { caseId: c.id, kind: 'person', name: 'B' });
    await new Promise<void>((resolve) => { const i = setInterval(() => { if (seen.length) { clearInterval(i); resolve(); } }, 20); });
    expect(seen.flat()).toEqual(expect.arrayContaining([
      { entity: 'case', caseId: c.id, ids: [c.id], created: true },
      expect.objectContaining({ entity: 'subject', caseId: c.id, created: true }),
    ]));
    // Both subjects are named, so a view listing them could re-read just those two.
    expect(seen.flat().find((x) => x.entity === 'subject')?.ids).toHaveLength(2);
    // Two subjects, one notice for the entity: deduplicated per poll.
    expect(seen.flat().filter((x) => x.entity === 'subject')).toHaveLength(1);
    stop();
  });

  it('after the file is reopened under it (a restore), says everything changed and follows the new connection', async () => {
    const t = tempCore('feed-reopen');
    let conn = new Database(t.dbPath, { readonly: true });
    const opened = [conn];
    cleanup = () => { for (const c of opened) c.close(); t.cleanup(); };
    const feed = new ChangeFeed(() => conn);
    const seen: Change[][] = [];
    const stop = feed.subscribe((c) => seen.push(c));
    conn = new Database(t.dbPath, { readonly: true });
    opened.push(conn);
    feed.poll();
    expect(seen).toEqual([[{ entity: '*', caseId: null }]]);
    const c = await t.core.call('cases.create', { number: 'TF-F-2', title: 'After' });
    feed.poll();
    expect(seen[1]).toEqual([{ entity: 'case', caseId: c.id, ids: [c.id], created: true }]);
    stop();
  });

  it('refreshes only the queries that read the changed entity, in its case', () => {
    const sub = [{ entity: 'subject', caseId: 'c1' }];
    expect(dependsOn(['subjects.list', { caseId: 'c1' }], sub)).toBe(true);
    expect(dependsOn(['subjects.list', { caseId: 'c2' }], sub)).toBe(false);
    expect(dependsOn(['dashboard.totals', {}], sub)).toBe(false);
    expect(dependsOn(['audit.list', { caseId: 'c1' }], sub)).toBe(true);
    expect(dependsOn(['dashboard.totals', {}], [{ entity: 'asset', caseId: 'c1' }])).toBe(true);
    expect(dependsOn(['settings.profile', {}], [{ entity: 'something_new', caseId: null }])).toBe(true);
  });
});
