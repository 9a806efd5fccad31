import type Database from 'better-sqlite3';

/** What a change touched: the audit entry's entity and case. Views refresh only what depends on it. */
export interface Change {
  entity: string;
  caseId: string | null;
}

const POLL_MS = 150;
/** More entries than this at once (a bundle import): say "everything" rather than list them. */
const MAX_LISTED = 5000;

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
    const rows = db.prepare('SELECT seq, entity, case_id AS caseId FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?').all(this.lastSeq, MAX_LISTED + 1) as { seq: number; entity: string; caseId: string | null }[];
    if (!rows.length) return;
    let changes: Change[];
    if (rows.length > MAX_LISTED) {
      this.lastSeq = (db.prepare('SELECT max(seq) AS s FROM audit_log').get() as { s: number }).s;
      changes = [{ entity: '*', caseId: null }];
    } else {
      this.lastSeq = rows[rows.length - 1].seq;
      const seen = new Map<string, Change>();
      for (const r of rows) seen.set(`${r.entity}|${r.caseId ?? ''}`, { entity: r.entity, caseId: r.caseId });
      changes = [...seen.values()];
    }
    for (const l of this.listeners) l(changes);
  }
}
