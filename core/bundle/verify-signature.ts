import { rawPublicKey, trustStatus, type TrustedKey } from '../keys/keyring.js';
import type { Problem } from './bagit.js';
import { envelopeSignedBy, openEnvelope, parseStatement, type Statement } from './statement.js';

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
}

export function checkSignature(envelopeText: string, keyring: TrustedKey[], now: Date): SignatureOutcome {
  const problems: Problem[] = [];
  const opened = openEnvelope(envelopeText);
  if (!opened.ok) return { problems: [{ code: 'signature-malformed', message: opened.message, entry: 'signature.dsse.json' }], signer: null, statement: null, trusted: false };
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
    problems.push(
      hinted
        ? { code: 'signature-invalid', message: `the signature does not verify under the key of ${hinted.agencyName} (${hinted.fingerprint}) that it names: the signed statement was altered or the signature forged` }
        : { code: 'signature-unknown-key', message: `no key in the keyring verifies the signature (the envelope names key id ${hint}); add the sending agency's public key after confirming its fingerprint` },
    );
    return { problems, signer: null, statement, trusted: false };
  }
  const claimed = statement?.predicate.createdAt;
  const judged = verifying.map((k) => ({ k, ...trustStatus(k, now, claimed) }));
  const good = judged.find((j) => j.status === 'trusted');
  if (good) {
    if (statement && statement.predicate.sendingAgency.fingerprint !== good.k.fingerprint)
      problems.push({ code: 'signer-mismatch', message: `the statement names the key ${statement.predicate.sendingAgency.fingerprint}, but it was signed with ${good.k.fingerprint}` });
    return { problems, signer: good.k, statement, trusted: true };
  }
  const j = judged[0];
  const code = j.status === 'revoked' ? 'signature-revoked-key' : j.status === 'expired' ? 'signature-expired-key' : 'signature-key-not-valid';
  problems.push({ code, message: `signed with the key of ${j.k.agencyName} (${j.k.fingerprint}), which is ${j.reason}` });
  return { problems, signer: j.k, statement, trusted: false };
}
