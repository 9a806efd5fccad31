import type Database from 'better-sqlite3';

import type { Change } from './change.js';

export type { Change };

const POLL_MS = 150;
/** More entries than this at once (a bundle import): say "everything" rather than list them. */
const MAX_LISTED = 5000;
/** More records of one entity than this: refreshing the views whole is as cheap as by id. */
const MAX_IDS = 100;

/**
 * Notices every committed change to the database file: this process's writes and another process's
 * (the CLI, a second window). `PRAGMA data_version` on the read connection moves whenever any other
 * connection commits, and costs no I/O; only then are the new audit entries read, by sequence number,
 * since every change writes one in its own transaction. The connection is asked for at each look:
 * a restore reopens the file under the core, and then every view must refresh.
 */
export class ChangeFeed {
  private readonly listeners = new Set<(changes: Change[]) => void>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private version = -1;
  private lastSeq = 0;

  private db: Database.Database | undefined;

  constructor(private readonly connection: () => Database.Database) {}

  subscribe(listener: (changes: Change[]) => void): () => void {
    this.listeners.add(listener);
    if (!this.timer) this.start();
    return () => {
      this.listeners.delete(listener);
      if (!this.listeners.size) this.stop();
    };
  }

  private start(): void {
    this.attach(this.connection());
    this.timer = setInterval(() => this.poll(), POLL_MS);
    this.timer.unref?.();
  }

  private attach(db: Database.Database): void {
    this.db = db;
    this.version = db.pragma('data_version', { simple: true }) as number;
    this.lastSeq = (db.prepare('SELECT coalesce(max(seq), 0) AS s FROM audit_log').get() as { s: number }).s;
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Public for tests: one look at the file. */
  poll(): void {
    const db = this.connection();
    if (!db.open) return; // closed for a moment (a restore): the reopened connection is picked up next time
    if (db !== this.db) {
      // Another file now (restored): nothing of what the views hold can be trusted to be current.
      this.attach(db);
      for (const l of this.listeners) l([{ entity: '*', caseId: null }]);
      return;
    }
    const v = db.pragma('data_version', { simple: true }) as number;
    if (v === this.version) return;
    this.version = v;
    const rows = db
      .prepare(`SELECT seq, entity, entity_id AS entityId, case_id AS caseId, before = 'null' AS created, after = 'null' AS removed
        FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`)
      .all(this.lastSeq, MAX_LISTED + 1) as AuditHead[];
    if (!rows.length) return;
    let changes: Change[];
    if (rows.length > MAX_LISTED) {
      this.lastSeq = (db.prepare('SELECT max(seq) AS s FROM audit_log').get() as { s: number }).s;
      changes = [{ entity: '*', caseId: null }];
    } else {
      this.lastSeq = rows[rows.length - 1].seq;
      changes = groupChanges(rows);
    }
    for (const l of this.listeners) l(changes);
  }
}

interface AuditHead { seq: number; entity: string; entityId: string; caseId: string | null; created: number; removed: number }

/** One change per entity and case, with the ids of its records while they are few. */
export function groupChanges(rows: AuditHead[]): Change[] {
  const groups = new Map<string, Change & { idSet: Set<string> }>();
  for (const r of rows) {
    const key = `${r.entity}|${r.caseId ?? ''}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { entity: r.entity, caseId: r.caseId, idSet: new Set() }));
    g.idSet.add(r.entityId);
    if (r.created) g.created = true;
    if (r.removed) g.removed = true;
  }
  return [...groups.values()].map(({ idSet, ...c }) => (idSet.size <= MAX_IDS ? { ...c, ids: [...idSet] } : c));
}
