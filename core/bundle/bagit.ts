import { BAGIT_TXT_CONTENT } from './format.js';
import { decodeManifestPath, encodeManifestPath } from './paths.js';

/** Writing and reading the BagIt 1.0 tag files (RFC 8493 §2.1–2.2). */

export interface Problem {
  code: string;
  message: string;
  entry?: string;
}

export const bagitTxt = () => BAGIT_TXT_CONTENT;

/** bag-info.txt: one "Label: value" a line; values are kept on one line. */
export function bagInfoTxt(fields: [string, string][]): string {
  return fields.map(([k, v]) => `${k}: ${v.replace(/[\r\n]+/g, ' ')}\n`).join('');
}

export function manifestTxt(files: { path: string; sha256: string }[]): string {
  return files.map((f) => `${f.sha256}  ${encodeManifestPath(f.path)}\n`).join('');
}

const splitLines = (text: string) => {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
};

/** §2.1.1: exactly the version line and the encoding line. */
export function checkBagitTxt(text: string): Problem[] {
  const lines = splitLines(text);
  const fail = (message: string): Problem[] => [{ code: 'bagit-txt', entry: 'bagit.txt', message }];
  if (lines.length !== 2) return fail(`must have exactly 2 lines, has ${lines.length}`);
  if (!/^BagIt-Version: 1\.0$/.test(lines[0])) return fail(`line 1 must be "BagIt-Version: 1.0", is "${lines[0]}"`);
  if (!/^Tag-File-Character-Encoding: UTF-8$/i.test(lines[1]))
    return fail(`line 2 must be "Tag-File-Character-Encoding: UTF-8", is "${lines[1]}"`);
  return [];
}

/** §2.2.2: labelled lines, continuation lines start with white space; repeated labels allowed. */
export function parseBagInfo(text: string): { fields: Map<string, string[]>; problems: Problem[] } {
  const fields = new Map<string, string[]>();
  const problems: Problem[] = [];
  let last: { label: string; index: number } | undefined;
  splitLines(text).forEach((line, i) => {
    const where = `line ${i + 1}`;
    if (/^[ \t]/.test(line)) {
      if (!last) problems.push({ code: 'bag-info', entry: 'bag-info.txt', message: `${where}: continuation line with no label before it` });
      else fields.get(last.label)![last.index] += ' ' + line.trim();
      return;
    }
    const m = /^([^:\s][^:]*?)\s*:\s?(.*)$/.exec(line);
    if (!m) {
      problems.push({ code: 'bag-info', entry: 'bag-info.txt', message: `${where}: not "Label: value"` });
      return;
    }
    const values = fields.get(m[1]) ?? [];
    values.push(m[2]);
    fields.set(m[1], values);
    last = { label: m[1], index: values.length - 1 };
  });
  return { fields, problems };
}

export interface ManifestLine {
  path: string;
  sha256: string;
  line: number;
}

/** §2.1.3 / §2.2.1: "checksum whitespace path"; a path listed twice is an error. */
export function parseManifest(text: string, name: string): { lines: Map<string, ManifestLine>; problems: Problem[] } {
  const lines = new Map<string, ManifestLine>();
  const problems: Problem[] = [];
  splitLines(text).forEach((raw, i) => {
    const m = /^([0-9a-fA-F]{64})[ \t]+(\S.*)$/.exec(raw);
    if (!m) {
      problems.push({ code: 'manifest-syntax', entry: name, message: `line ${i + 1}: not "<sha256> <path>"` });
      return;
    }
    const path = decodeManifestPath(m[2]);
    if (lines.has(path)) problems.push({ code: 'manifest-duplicate', entry: name, message: `line ${i + 1}: ${path} is listed twice` });
    else lines.set(path, { path, sha256: m[1].toLowerCase(), line: i + 1 });
  });
  return { lines, problems };
}
