import { afterAll, describe, expect, it } from 'vitest';
import type { Progress } from '../../../core/contract.js';
import { tempCore } from '../../helpers/core.js';

const env = tempCore('key-progress');
afterAll(() => env.cleanup());

describe('creating a signing key', () => {
  it('reports each step as it passes (the passphrase derivation takes seconds), in order, before the key is stored', async () => {
    const seen: Progress[] = [];
    const key = await env.core.call('keys.create', { agency: 'Test Task Force', protection: 'passphrase', passphrase: 'correct horse battery staple' }, { onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => [p.phase, p.done, p.total])).toEqual([['generating', 0, 3], ['protecting', 1, 3], ['ageKeys', 2, 3]]);
    expect((await env.core.call('keys.list', {})).map((k) => k.id)).toEqual([key.id]);
  });
});
