import fs from 'node:fs';
import type { Ctx } from '../context.js';
import { ProceedsError } from '../errors.js';
import { unlockSigningKey } from '../keys/store.js';
import { decryptSecretKey, parseSecretKeyFile, PassphraseError, type SigningKey } from '../keys/secret-key.js';

/**
 * The agency key that signs checkpoints: a stored key by id, a key file (trusted callers), or the
 * newest stored key when none is named.
 */
export async function checkpointSigningKey(ctx: Ctx, input: { keyId?: string; keyFile?: string; passphrase?: string }): Promise<SigningKey> {
  if (input.keyFile) {
    if (!ctx.trusted) throw new ProceedsError('Forbidden', 'keyFile: file paths are only accepted from the command line or desktop app', [{ path: 'keyFile', message: 'not allowed here' }]);
    if (!fs.existsSync(input.keyFile)) throw new ProceedsError('NotFound', `key file not found: ${input.keyFile}`, [{ path: 'keyFile', message: 'not found' }]);
    if (!input.passphrase) throw new ProceedsError('Invalid', 'passphrase: the passphrase of the key file is required', [{ path: 'passphrase', message: 'required' }]);
    try {
      return await decryptSecretKey(parseSecretKeyFile(fs.readFileSync(input.keyFile, 'utf8')), input.passphrase);
    } catch (e) {
      const field = e instanceof PassphraseError ? 'passphrase' : 'keyFile';
      throw new ProceedsError('Invalid', `${field}: ${(e as Error).message}`, [{ path: field, message: (e as Error).message }]);
    }
  }
  const id =
    input.keyId ??
    (ctx.sqlite.prepare('SELECT id FROM signing_keys ORDER BY created_at DESC, id DESC LIMIT 1').pluck().get() as string | undefined);
  if (!id) throw new ProceedsError('Invalid', 'keyId: this installation has no signing key yet: create the agency key first (proceeds keys create)', [{ path: 'keyId', message: 'no signing key' }]);
  return unlockSigningKey(ctx, id, input.passphrase);
}
