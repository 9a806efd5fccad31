import fs from 'node:fs';
import type { Ctx } from '../context.js';
import { fail, filePathsRefused, invalidField, issue } from '../errors.js';
import { unlockSigningKey } from '../keys/store.js';
import { decryptSecretKey, keyFileRefusal, parseSecretKeyFile, type SigningKey } from '../keys/secret-key.js';

/**
 * The agency key that signs checkpoints: a stored key by id, a key file (trusted callers), or the
 * newest stored key when none is named.
 */
export async function checkpointSigningKey(ctx: Ctx, input: { keyId?: string; keyFile?: string; passphrase?: string }): Promise<SigningKey> {
  if (input.keyFile) {
    if (!ctx.trusted) throw filePathsRefused('keyFile');
    if (!fs.existsSync(input.keyFile)) throw fail('NotFound', 'keys.keyFileNotFound', { file: input.keyFile }, [issue('keyFile', 'keys.keyFileNotFound', { file: input.keyFile })]);
    if (!input.passphrase) throw invalidField('passphrase', 'keys.keyFilePassphraseRequired');
    try {
      return await decryptSecretKey(parseSecretKeyFile(fs.readFileSync(input.keyFile, 'utf8')), input.passphrase);
    } catch (e) {
      throw keyFileRefusal(e);
    }
  }
  const id =
    input.keyId ??
    (ctx.sqlite.prepare('SELECT id FROM signing_keys ORDER BY created_at DESC, id DESC LIMIT 1').pluck().get() as string | undefined);
  if (!id) throw invalidField('keyId', 'keys.noSigningKey');
  return unlockSigningKey(ctx, id, input.passphrase);
}
