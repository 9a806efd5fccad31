import type { Database } from 'better-sqlite3';
import type { Ctx } from '../context.js';
import { newId } from '../ids.js';
import { conflict, invalid, notFound } from '../errors.js';

/**
 * Merge what is one (after the FollowTheMoney/nomenklatura way): a token index finds candidates,
 * a scored comparison explains each, and a person's decision is kept. Merging deletes nothing:
 * the pair is recorded, readers fold the merged record into the survivor (`canonicalIds`), and an
 * unmerge restores the two, both audited.
 */

export interface MergeSuggestion {
  kind: 'account' | 'subject';
  a: { id: string; label: string };
  b: { id: string; label: string };
  score: number;
  reasons: string[];
}

const norm = (s: string) => s.toUpperCase().replace(/[^A-Z0-9*•…X]/g, '');
const digits = (s: string) => s.replace(/\D/g, '');
const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/;
/** A masked number: stars, bullets, an ellipsis or X's, then the last digits ("…8857", "****8857", "XXXX8857"). */
const MASKED = /^(?:[*•…X]+|\.{3})(\d{3,6})$/;

interface AccountRow {
  id: string;
  identifier: string;
  currency: string;
  holder_name: string;
}

/** Why two account identifiers may name one account, or undefined. */
function sameAccount(x: AccountRow, y: AccountRow): { score: number; reasons: string[] } | undefined {
  if (x.currency !== y.currency) return undefined;
  const [a, b] = [norm(x.identifier.replace(/\.{3}/g, '…')), norm(y.identifier.replace(/\.{3}/g, '…'))];
  const reasons: string[] = [];
  let score = 0;
  for (const [p, q] of [[a, b], [b, a]]) {
    if (IBAN.test(p) && !IBAN.test(q)) {
      const bban = p.slice(4);
      const qd = digits(q);
      if (q === bban) {
        score = Math.max(score, 90);
        reasons.push(`${q} is the BBAN inside IBAN ${p}`);
      }
      // A domestic number (bank code and account, or the account alone) inside the IBAN's BBAN.
      else if (qd.length >= 8 && !MASKED.test(q) && digits(bban).replace(/^0+/, '').endsWith(qd.replace(/^0+/, ''))) {
        score = Math.max(score, 75);
        reasons.push(`${q} is the account number at the end of IBAN ${p}`);
      }
    }
    const masked = MASKED.exec(q);
    if (masked && !MASKED.test(p) && digits(p).endsWith(masked[1])) {
      score = Math.max(score, 55);
      reasons.push(`${q} is a masked number ending like ${p} (${masked[1]})`);
    }
  }
  if (!score) return undefined;
  if (x.holder_name && y.holder_name && foldName(x.holder_name) === foldName(y.holder_name)) {
    score += 10;
    reasons.push(`same holder "${x.holder_name}"`);
  }
  return { score: Math.min(score, 100), reasons };
}

/** Legal forms of the Americas and Europe, dropped before names are compared. */
const LEGAL = /\b(S\.?\s?A\.?\s?(DE\s)?C\.?\s?V\.?|S\.?\s?DE\s?R\.?\s?L\.?|S\.?\s?A\.?\s?S\.?|S\.?\s?A\.?|S\.?\s?R\.?\s?L\.?|LTDA\.?|LTD\.?|LLC|L\.L\.C\.|INC\.?|CORP\.?|CORPORATION|COMPANY|CO\.|GMBH|AG|BV|B\.V\.|N\.V\.|PLC|LP|LLP|EIRELI|ME|SPA|SL)(?=\s|$)/g;

/** A name folded for comparison: case, accents, punctuation and legal forms gone. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[,;]/g, ' ')
    .replace(LEGAL, ' ')
    .replace(/[^A-Z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const tokens = (name: string) => foldName(name).split(' ').filter((t) => t.length > 1);

interface SubjectRow {
  id: string;
  name: string;
  aliases: string;
  identifiers: string;
}

function sameSubject(x: SubjectRow, y: SubjectRow): { score: number; reasons: string[] } | undefined {
  const reasons: string[] = [];
  let score = 0;
  const ids = (s: SubjectRow) => new Set((JSON.parse(s.identifiers) as { type: string; value: string }[]).map((i) => `${i.type}:${norm(i.value)}`));
  const shared = [...ids(x)].filter((i) => ids(y).has(i));
  if (shared.length) {
    score = 95;
    reasons.push(`shared identifier ${shared[0].replace(':', ' ')}`);
  }
  const names = (s: SubjectRow) => [s.name, ...(JSON.parse(s.aliases) as string[])];
  let best = 0;
  let why = '';
  for (const n of names(x))
    for (const m of names(y)) {
      const [p, q] = [tokens(n), tokens(m)];
      if (!p.length || !q.length) continue;
      const sp = [...p].sort().join(' ');
      const sq = [...q].sort().join(' ');
      if (foldName(n) === foldName(m) && best < 85) {
        best = 85;
        why = `"${n}" and "${m}" differ only in case, accents, punctuation or legal form`;
      } else if (sp === sq && best < 80) {
        best = 80;
        why = `"${n}" and "${m}" are the same words in another order`;
      } else {
        const [short, long] = p.length <= q.length ? [p, q] : [q, p];
        if (short.length >= 2 && short.every((t) => long.includes(t)) && best < 60) {
          best = 60;
          why = `every word of "${short === p ? n : m}" is in "${short === p ? m : n}" (a second surname or a longer name)`;
        }
      }
    }
  if (best) {
    score = Math.max(score, best);
    reasons.push(why);
  }
  return score ? { score, reasons } : undefined;
}

/** Records already merged (standing) are not offered again, nor pairs a person unmerged. */
function decidedPairs(sqlite: Database, caseId: string, kind: string): Set<string> {
  const rows = sqlite.prepare('SELECT survivor_id AS a, merged_id AS b FROM entity_merges WHERE case_id = ? AND kind = ?').all(caseId, kind) as { a: string; b: string }[];
  return new Set(rows.flatMap((r) => [`${r.a}|${r.b}`, `${r.b}|${r.a}`]));
}

/** Suggestions, best first, each with its reasons. Candidates come from a token index (last digits, name words), not all pairs. */
export function suggestMerges(sqlite: Database, caseId: string): MergeSuggestion[] {
  const out: MergeSuggestion[] = [];
  const accounts = sqlite.prepare('SELECT id, identifier, currency, holder_name FROM accounts WHERE case_id = ?').all(caseId) as AccountRow[];
  const done = { account: decidedPairs(sqlite, caseId, 'account'), subject: decidedPairs(sqlite, caseId, 'subject') };
  const byTail = new Map<string, AccountRow[]>();
  for (const a of accounts) {
    const d = digits(a.identifier);
    if (d.length < 3) continue;
    const key = d.slice(-3);
    byTail.set(key, [...(byTail.get(key) ?? []), a]);
  }
  for (const group of byTail.values())
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) {
        const [x, y] = [group[i], group[j]];
        if (done.account.has(`${x.id}|${y.id}`)) continue;
        const s = sameAccount(x, y);
        if (s) out.push({ kind: 'account', a: { id: x.id, label: x.identifier }, b: { id: y.id, label: y.identifier }, ...s });
      }
  const subjects = sqlite.prepare('SELECT id, name, aliases, identifiers FROM subjects WHERE case_id = ?').all(caseId) as SubjectRow[];
  const index = new Map<string, Set<number>>();
  subjects.forEach((s, i) => {
    const keys = [...[s.name, ...(JSON.parse(s.aliases) as string[])].flatMap(tokens), ...(JSON.parse(s.identifiers) as { value: string }[]).map((x) => `#${norm(x.value)}`)];
    for (const t of keys) index.set(t, (index.get(t) ?? new Set()).add(i));
  });
  const seen = new Set<string>();
  for (const ids of index.values()) {
    // A word shared by hundreds of names ("TRADING") finds nothing useful: skip it as a candidate key.
    if (ids.size > 200) continue;
    const list = [...ids];
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const [x, y] = [subjects[list[i]], subjects[list[j]]];
        const key = x.id < y.id ? `${x.id}|${y.id}` : `${y.id}|${x.id}`;
        if (seen.has(key) || done.subject.has(key)) continue;
        seen.add(key);
        const s = sameSubject(x, y);
        if (s) out.push({ kind: 'subject', a: { id: x.id, label: x.name }, b: { id: y.id, label: y.name }, ...s });
      }
  }
  return out.sort((p, q) => q.score - p.score || p.a.label.localeCompare(q.a.label));
}

/** Merges `mergedId` into `survivorId` (both of the case, of one kind); audited; nothing deleted. */
export function mergeEntities(ctx: Ctx, caseId: string, kind: 'account' | 'subject', survivorId: string, mergedId: string, reasons: string[] = []) {
  if (survivorId === mergedId) throw invalid('mergedId', 'a record cannot be merged into itself');
  const table = kind === 'account' ? 'accounts' : 'subjects';
  for (const id of [survivorId, mergedId])
    if (!ctx.sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND case_id = ?`).get(id, caseId)) throw notFound(kind, id);
  const standing = ctx.sqlite.prepare("SELECT id FROM entity_merges WHERE merged_id = ? AND status = 'merged'").get(mergedId);
  if (standing) throw conflict(`this ${kind} is merged already`, 'mergedId');
  const row = { id: newId(), caseId, kind, survivorId, mergedId, reasons, status: 'merged', decidedBy: ctx.actor.user };
  ctx.sqlite
    .prepare('INSERT INTO entity_merges (id, case_id, kind, survivor_id, merged_id, reasons, status, decided_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(row.id, caseId, kind, survivorId, mergedId, JSON.stringify(reasons), 'merged', ctx.actor.user);
  ctx.audit({ entity: 'entity_merge', entityId: row.id, caseId, after: row });
  return row;
}

export function unmergeEntities(ctx: Ctx, mergeId: string) {
  const before = ctx.sqlite.prepare('SELECT * FROM entity_merges WHERE id = ?').get(mergeId) as Record<string, unknown> | undefined;
  if (!before) throw notFound('merge', mergeId);
  if (before.status !== 'merged') throw conflict('this merge was undone already', 'id');
  const now = ctx.now();
  ctx.sqlite.prepare("UPDATE entity_merges SET status = 'unmerged', undone_at = ?, decided_by = ? WHERE id = ?").run(now, ctx.actor.user, mergeId);
  ctx.audit({ entity: 'entity_merge', entityId: mergeId, caseId: before.case_id as string, before, after: { ...before, status: 'unmerged', undone_at: now } });
  return { id: mergeId, status: 'unmerged' };
}

/**
 * For readers (graph, trace, totals): each merged record's survivor, following chains (A into B,
 * B into C gives A -> C). Ids not in the map are their own canonical id.
 */
export function canonicalIds(sqlite: Database, caseId: string, kind: 'account' | 'subject'): Map<string, string> {
  const rows = sqlite.prepare("SELECT survivor_id AS s, merged_id AS m FROM entity_merges WHERE case_id = ? AND kind = ? AND status = 'merged'").all(caseId, kind) as { s: string; m: string }[];
  const direct = new Map(rows.map((r) => [r.m, r.s]));
  const out = new Map<string, string>();
  for (const m of direct.keys()) {
    let s = direct.get(m)!;
    for (let hops = 0; direct.has(s) && hops < 100; hops++) s = direct.get(s)!;
    out.set(m, s);
  }
  return out;
}
