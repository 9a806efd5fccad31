import type { Statement } from 'better-sqlite3';
import type { Ctx } from '../context.js';
import { newId } from '../ids.js';
import { checkIdentifier } from '../identifiers/index.js';

export interface IncomingSubject {
  kind: 'person' | 'organisation';
  name: string;
  identifiers: { type: string; value: string }[];
  country: string;
  bornOn?: string;
}

/**
 * Subjects an import names (goAML parties, FtM entities): one per kind and name in the case, the
 * existing one reused; a new one carries where it came from in its notes. An identifier with a bad
 * check digit is kept and flagged in the notes, never dropped.
 */
export class SubjectSink {
  created = 0;
  readonly flagged: string[] = [];
  private readonly byName = new Map<string, string>();
  private readonly insert: Statement;

  constructor(
    private readonly ctx: Ctx,
    private readonly caseId: string,
  ) {
    this.insert = ctx.sqlite.prepare('INSERT INTO subjects (id, case_id, kind, name, aliases, identifiers, born_on, country, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const rows = ctx.sqlite.prepare('SELECT id, kind, name FROM subjects WHERE case_id = ?').all(caseId) as { id: string; kind: string; name: string }[];
    for (const r of rows) this.byName.set(key(r.kind, r.name), r.id);
  }

  /** The subject's id: the case's own by that kind and name, or a new one noted with `provenance`. */
  subject(s: IncomingSubject, provenance: string): string {
    const k = key(s.kind, s.name);
    const known = this.byName.get(k);
    if (known) return known;
    const flags: string[] = [];
    for (const i of s.identifiers) {
      const r = checkIdentifier(i.type, i.value);
      if (r && !r.ok) flags.push(r.message);
    }
    this.flagged.push(...flags);
    const row = {
      id: newId(), caseId: this.caseId, kind: s.kind, name: s.name.slice(0, 300), aliases: '[]',
      identifiers: JSON.stringify(s.identifiers.map((i) => ({ type: i.type.slice(0, 60), value: i.value.slice(0, 200) }))),
      bornOn: s.bornOn ?? null, country: s.country.slice(0, 80),
      notes: [provenance, ...flags.map((f) => `FLAGGED: ${f}`)].join('; ').slice(0, 5000),
    };
    this.insert.run(row.id, row.caseId, row.kind, row.name, row.aliases, row.identifiers, row.bornOn, row.country, row.notes);
    this.ctx.audit({ entity: 'subject', entityId: row.id, caseId: this.caseId, after: row });
    this.byName.set(k, row.id);
    this.created++;
    return row.id;
  }

  /** Ties accounts the import created to their holder when it is one of the subjects named (audited). */
  linkHolders(holders: Map<string, string>): number {
    const get = this.ctx.sqlite.prepare('SELECT * FROM accounts WHERE case_id = ? AND identifier_norm = ? AND holder_subject_id IS NULL');
    const set = this.ctx.sqlite.prepare('UPDATE accounts SET holder_subject_id = ? WHERE id = ?');
    let linked = 0;
    for (const [norm, subjectId] of holders) {
      const before = get.get(this.caseId, norm) as { id: string } | undefined;
      if (!before) continue;
      set.run(subjectId, before.id);
      this.ctx.audit({ entity: 'account', entityId: before.id, caseId: this.caseId, before, after: { ...before, holder_subject_id: subjectId } });
      linked++;
    }
    return linked;
  }
}

const key = (kind: string, name: string) => `${kind}\u0000${name.trim().toLowerCase()}`;
