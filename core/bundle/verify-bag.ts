import { checkBagitTxt, parseBagInfo, parseManifest, type Problem } from './bagit.js';
import * as F from './format.js';
import { entryNameProblem } from './paths.js';
import type { Statement } from './statement.js';

/**
 * The bag's inventory: the zip's entries, the statement's subjects and the manifests' lines must be
 * the same set of files, and bagit.txt / bag-info.txt must be well-formed (RFC 8493).
 */

const TAG_FILES = [F.BAGIT_TXT, F.BAG_INFO_TXT, F.MANIFEST, F.TAG_MANIFEST];

/** The single top directory every entry sits under (RFC 8493 §4: a serialized bag has one). */
export function bagRootOf(names: string[]): { root: string | null; problems: Problem[] } {
  const roots = new Set(names.map((n) => (n.includes('/') ? n.slice(0, n.indexOf('/')) : '')));
  if (roots.has('')) return { root: null, problems: [{ code: 'bag-root', message: 'entries lie outside the bag directory' }] };
  if (roots.size !== 1) return { root: null, problems: [{ code: 'bag-root', message: `the archive holds ${roots.size} top directories, not one bag` }] };
  return { root: [...roots][0], problems: [] };
}

/** Entry, statement and manifest sets, compared without reading any payload. */
export function inventoryProblems(files: Set<string>, statement: Statement | null): Problem[] {
  const problems: Problem[] = [];
  if (files.has(F.FETCH_TXT)) problems.push({ code: 'fetch-txt', entry: F.FETCH_TXT, message: 'the bag has a fetch.txt: a bundle must carry all of its files' });
  for (const t of [...TAG_FILES, F.SIGNATURE])
    if (!files.has(t)) problems.push({ code: 'missing-file', entry: t, message: `${t} is missing` });
  if (!statement) return problems;
  const subjects = new Set<string>();
  for (const s of statement.subject) {
    const np = entryNameProblem(s.name);
    if (np) problems.push({ code: 'statement-malformed', entry: s.name, message: `statement subject ${JSON.stringify(s.name)} ${np}` });
    if (subjects.has(s.name)) problems.push({ code: 'statement-malformed', entry: s.name, message: `${s.name} is listed twice in the statement` });
    subjects.add(s.name);
  }
  if (subjects.has(F.SIGNATURE)) problems.push({ code: 'statement-malformed', entry: F.SIGNATURE, message: 'the statement lists the signature itself' });
  for (const f of files)
    if (f !== F.SIGNATURE && !subjects.has(f)) problems.push({ code: 'unlisted-file', entry: f, message: `${f} is in the archive but not in the signed statement (added or renamed)` });
  for (const s of subjects)
    if (!files.has(s)) problems.push({ code: 'missing-file', entry: s, message: `${s} is in the signed statement but not in the archive (removed or renamed)` });
  return problems;
}

/** Manifest lines against the statement: same payload files, same digests. */
export function manifestProblems(manifestText: string, tagManifestText: string, files: Set<string>, statement: Statement | null): Problem[] {
  const problems: Problem[] = [];
  const digests = new Map(statement?.subject.map((s) => [s.name, s.digest.sha256]) ?? []);
  const payload = [...files].filter((f) => f.startsWith('data/'));
  const m = parseManifest(manifestText, F.MANIFEST);
  problems.push(...m.problems);
  for (const p of payload) if (!m.lines.has(p)) problems.push({ code: 'manifest-mismatch', entry: p, message: `${p} is not in ${F.MANIFEST}` });
  for (const [p, line] of m.lines) {
    if (!p.startsWith('data/')) problems.push({ code: 'manifest-mismatch', entry: p, message: `${F.MANIFEST} line ${line.line}: ${p} is not under data/` });
    else if (!files.has(p)) problems.push({ code: 'manifest-mismatch', entry: p, message: `${F.MANIFEST} line ${line.line}: ${p} is not in the archive` });
    else if (digests.has(p) && digests.get(p) !== line.sha256)
      problems.push({ code: 'manifest-mismatch', entry: p, message: `${F.MANIFEST} line ${line.line}: the checksum of ${p} differs from the signed statement` });
  }
  const tags = [...files].filter((f) => !f.startsWith('data/') && f !== F.SIGNATURE && f !== F.TAG_MANIFEST);
  const t = parseManifest(tagManifestText, F.TAG_MANIFEST);
  problems.push(...t.problems);
  for (const f of tags) if (!t.lines.has(f)) problems.push({ code: 'manifest-mismatch', entry: f, message: `tag file ${f} is not in ${F.TAG_MANIFEST}` });
  for (const [p, line] of t.lines) {
    if (!tags.includes(p)) problems.push({ code: 'manifest-mismatch', entry: p, message: `${F.TAG_MANIFEST} line ${line.line}: ${p} is not a tag file of the archive` });
    else if (digests.has(p) && digests.get(p) !== line.sha256)
      problems.push({ code: 'manifest-mismatch', entry: p, message: `${F.TAG_MANIFEST} line ${line.line}: the checksum of ${p} differs from the signed statement` });
  }
  return problems;
}

const REQUIRED_INFO = ['Source-Organization', 'External-Identifier', 'Bagging-Date', 'Payload-Oxum', 'Bundle-Id'];

/** bagit.txt exactly as §2.1.1 says; bag-info.txt's reserved labels present, well-formed and consistent. */
export function tagFileProblems(bagitText: string, bagInfoText: string, payload: { bytes: number; files: number }, statement: Statement | null): Problem[] {
  const problems = checkBagitTxt(bagitText);
  const info = parseBagInfo(bagInfoText);
  problems.push(...info.problems);
  const one = (label: string) => info.fields.get(label)?.[0];
  for (const l of REQUIRED_INFO) {
    const v = info.fields.get(l);
    if (!v) problems.push({ code: 'bag-info', entry: F.BAG_INFO_TXT, message: `${l} is missing` });
    else if (v.length > 1) problems.push({ code: 'bag-info', entry: F.BAG_INFO_TXT, message: `${l} appears ${v.length} times` });
  }
  const oxum = one('Payload-Oxum');
  if (oxum !== undefined) {
    if (!/^\d+\.\d+$/.test(oxum)) problems.push({ code: 'bag-info', entry: F.BAG_INFO_TXT, message: `Payload-Oxum "${oxum}" is not "octets.files"` });
    else if (oxum !== `${payload.bytes}.${payload.files}`)
      problems.push({ code: 'payload-oxum', entry: F.BAG_INFO_TXT, message: `Payload-Oxum says ${oxum}, the payload is ${payload.bytes}.${payload.files}` });
  }
  const date = one('Bagging-Date');
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) problems.push({ code: 'bag-info', entry: F.BAG_INFO_TXT, message: `Bagging-Date "${date}" is not YYYY-MM-DD` });
  if (statement) {
    const p = statement.predicate;
    if (one('Bundle-Id') !== undefined && one('Bundle-Id') !== p.bundleId)
      problems.push({ code: 'bag-info', entry: F.BAG_INFO_TXT, message: `Bundle-Id ${one('Bundle-Id')} differs from the signed bundle id ${p.bundleId}` });
    if (one('External-Identifier') !== undefined && one('External-Identifier') !== p.case.number)
      problems.push({ code: 'bag-info', entry: F.BAG_INFO_TXT, message: `External-Identifier ${one('External-Identifier')} differs from the signed case number ${p.case.number}` });
  }
  return problems;
}
