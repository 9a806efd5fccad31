import { wordlist } from '@scure/bip39/wordlists/english.js';

/**
 * A fingerprint read out by phone: 64 hex digits are easy to skip through, words are not. The first
 * 88 bits of the fingerprint as 8 words of the BIP-39 English list (2048 words, 11 bits each, no two
 * sharing their first four letters). A person compares the words, then types the hex (or the words)
 * to confirm. 88 bits is far beyond what an attacker can match with a key of their own.
 */
export function fingerprintWords(fingerprint: string): string {
  const hex = fingerprint.replace(/\s+/g, '');
  let bits = BigInt(`0x${hex.slice(0, 22)}`);
  const words: string[] = [];
  for (let i = 0; i < 8; i++) {
    words.unshift(wordlist[Number(bits & 2047n)]);
    bits >>= 11n;
  }
  return words.join(' ');
}

/** Whether what a person typed (hex with any spacing, or the words) names this fingerprint. */
export function sameFingerprint(typed: string, fingerprint: string): boolean {
  const t = typed.trim().toLowerCase();
  if (/^[0-9a-f\s]+$/.test(t)) return t.replace(/\s+/g, '') === fingerprint.replace(/\s+/g, '').toLowerCase();
  return t.split(/\s+/).join(' ') === fingerprintWords(fingerprint);
}
