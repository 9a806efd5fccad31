import { rawPublicKey, trustStatus, type TrustedKey } from '../keys/keyring.js';
import type { Problem } from './bagit.js';
import { fingerprint, formatPublicKey, keyIdHex, parsePublicKey } from '../keys/minisign.js';
import type { ClaimedSigner } from './report.js';
import { envelopeSignedBy, openEnvelope, parseStatement, type Envelope, type Statement } from './statement.js';

/**
 * Who signed the envelope, decided by trying each keyring key: the key id written in the envelope
 * only words the error message, it never picks the key.
 */
export interface SignatureOutcome {
  problems: Problem[];
  signer: TrustedKey | null;
  /** The statement, parsed even when the signature fails, so every other problem can be named too. */
  statement: Statement | null;
  trusted: boolean;
  /** The signature verifies under the key the statement names, which the keyring lacks. */
  unknownSigner: boolean;
  claimedSigner: ClaimedSigner | null;
}

/** The key a statement says signed it, if it verifies the envelope: a stranger, but not a forger. */
function claimedKey(opened: { envelope: Envelope; payload: Buffer }, statement: Statement | null): ClaimedSigner | null {
  const a = statement?.predicate.sendingAgency;
  if (!a?.publicKey) return null;
  try {
    const blob = Buffer.from(a.publicKey, 'base64');
    const text = formatPublicKey(blob.subarray(2, 10), blob.subarray(10, 42), `minisign public key ${keyIdHex(blob.subarray(2, 10))} of ${a.name}`);
    const pk = parsePublicKey(text);
    if (!envelopeSignedBy(opened, pk.publicKey)) return null;
    return { agencyName: a.name, fingerprint: fingerprint(pk.publicKey), keyId: keyIdHex(pk.keyId), publicKey: text };
  } catch {
    return null;
  }
}

export function checkSignature(envelopeText: string, keyring: TrustedKey[], now: Date): SignatureOutcome {
  const problems: Problem[] = [];
  const opened = openEnvelope(envelopeText);
  if (!opened.ok) return { problems: [{ code: 'signature-malformed', message: opened.message, entry: 'signature.dsse.json' }], signer: null, statement: null, trusted: false, unknownSigner: false, claimedSigner: null };
  const parsed = parseStatement(opened.payload);
  const statement = parsed.ok ? parsed.statement : null;
  if (!parsed.ok) problems.push({ code: 'statement-malformed', message: parsed.message, entry: 'signature.dsse.json' });

  const verifying = keyring.filter((k) => {
    try {
      return envelopeSignedBy(opened, rawPublicKey(k));
    } catch {
      return false;
    }
  });
  if (verifying.length === 0) {
    const hinted = keyring.find((k) => opened.envelope.signatures.some((s) => s.keyid === k.keyId));
    const hint = opened.envelope.signatures.map((s) => s.keyid).join(', ') || '(none)';
    const stranger = hinted ? null : claimedKey(opened, statement);
    problems.push(
      hinted
        ? { code: 'signature-invalid', message: `the signature does not verify under the key of ${hinted.agencyName} (${hinted.fingerprint}) that it names: the signed statement was altered or the signature forged` }
        : stranger
          ? { code: 'signature-unknown-key', message: `signed by an unknown key (fingerprint ${stranger.fingerprint}) that says it belongs to ${stranger.agencyName}: nothing in the bundle was opened. Confirm the fingerprint with that agency by phone, trust the key, then verify again` }
          : { code: 'signature-invalid', message: `no key in the keyring verifies the signature, nor does the key the statement names (the envelope names key id ${hint}): the signed statement was altered or the signature forged` },
    );
    return { problems, signer: null, statement, trusted: false, unknownSigner: stranger !== null, claimedSigner: stranger };
  }
  const claimed = statement?.predicate.createdAt;
  const judged = verifying.map((k) => ({ k, ...trustStatus(k, now, claimed) }));
  const good = judged.find((j) => j.status === 'trusted');
  if (good) {
    if (statement && statement.predicate.sendingAgency.fingerprint !== good.k.fingerprint)
      problems.push({ code: 'signer-mismatch', message: `the statement names the key ${statement.predicate.sendingAgency.fingerprint}, but it was signed with ${good.k.fingerprint}` });
    // The sender is who the keyring says holds the key, never who the statement says it is.
    if (statement && !sameAgency(statement.predicate.sendingAgency.name, good.k.agencyName))
      problems.push({
        code: 'sender-mismatch',
        message: `the bundle says it comes from "${statement.predicate.sendingAgency.name}", but it is signed with the key of "${good.k.agencyName}" in this keyring`,
      });
    return { problems, signer: good.k, statement, trusted: true, unknownSigner: false, claimedSigner: null };
  }
  const j = judged[0];
  const code = j.status === 'pending' ? 'signature-unconfirmed-key' : j.status === 'revoked' ? 'signature-revoked-key' : j.status === 'expired' ? 'signature-expired-key' : 'signature-key-not-valid';
  problems.push({ code, message: `signed with the key of ${j.k.agencyName} (${j.k.fingerprint}), which is ${j.reason}` });
  return { problems, signer: j.k, statement, trusted: false, unknownSigner: false, claimedSigner: null };
}

/** Agency names as people type them: case and runs of white space do not make another agency. */
const sameAgency = (a: string, b: string) => a.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase() === b.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
