/**
 * Whether an entry name in a received zip is one we can trust anywhere: on every filesystem a
 * prosecutor might extract to, and in every unzip tool. Returns the problem, or null.
 */
export function entryNameProblem(name: string): string | null {
  if (name.length === 0) return 'empty name';
  if (name.includes('\0')) return 'contains a NUL character';
  // eslint-disable-next-line no-control-regex -- names with C0/C1 controls are refused: finding them is the point
  if (/[\x01-\x1f\x7f\u0080-\u009f]/.test(name)) return 'contains a control character';
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  if (name.endsWith('/')) return 'is a directory entry';
  const segments = name.split('/');
  if (segments.some((s) => s === '..')) return 'contains a ".." segment';
  if (segments.some((s) => s === '.')) return 'contains a "." segment';
  if (segments.some((s) => s === '')) return 'contains an empty path segment';
  if (name !== name.normalize('NFC')) return 'is not in Unicode normal form C';
  // Invisible or direction-changing characters make a name read as another (U+202E turns "gpj.exe" around).
  const hidden = /[\p{Cf}\p{Co}\p{Cs}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]/u.exec(name);
  if (hidden) return `contains the invisible or bidirectional control U+${hidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  if (/[\s]/u.test(name.replace(/ /g, ''))) return 'contains white space other than a plain space';
  if (name.includes(':')) return 'contains ":" (a drive or an NTFS alternate data stream on Windows)';
  if (/[<>"|?*]/.test(name)) return 'contains a character Windows forbids in names (< > " | ? *)';
  for (const seg of segments) {
    if (/[. ]$/.test(seg)) return `has a segment ending in a dot or space (${JSON.stringify(seg)}), which Windows silently drops`;
    if (WINDOWS_RESERVED.test(seg)) return `has a segment Windows reserves for a device (${JSON.stringify(seg)})`;
  }
  return null;
}

/** CON, PRN, AUX, NUL, COM0-9, LPT0-9 (also with superscript digits and any extension), CONIN$, CONOUT$. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

/**
 * The key two names collide under on some filesystem: NFC on macOS, NFKC plus case folding on
 * Windows and case-insensitive volumes. Two entries with the same key would overwrite each other.
 */
export const collisionKey = (name: string): string => name.normalize('NFKC').toLowerCase().normalize('NFKC');

/** Percent-encodes what RFC 8493 §2.1.3 requires in manifest file paths (CR, LF, %). */
export const encodeManifestPath = (p: string) => p.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

const DECODE: Record<string, string> = { '%0D': '\r', '%0A': '\n', '%25': '%' };
export const decodeManifestPath = (p: string) => p.replace(/%(0D|0A|25)/gi, (m) => DECODE[m.toUpperCase()]);
