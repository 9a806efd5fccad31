import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exhibitPath, exhibitsDir } from '../../../core/exhibits/store.js';
import { outboxDir, stagingDir } from '../../../core/files.js';
import { tempCore } from '../../helpers/core.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

const age = (p: string, hours: number) => {
  const t = new Date(Date.now() - hours * 3600_000);
  fs.utimesSync(p, t, t);
};

describe('leftovers of killed processes', () => {
  it('exhibit verify names store files without a row; doctor quarantines old orphans, removes stale staging, keeps young work, audits', async () => {
    env = tempCore('leftovers');
    const kase = await env.core.call('cases.create', { number: 'TF-L', title: 'Leftovers' });
    const src = path.join(env.dir, 'photo.jpg');
    fs.writeFileSync(src, 'the real exhibit');
    await env.core.call('exhibits.add', { caseId: kase.id, file: { path: src } }, { trusted: true });

    // A kill between the store's rename and the row's commit leaves this behind.
    const bytes = Buffer.from('stored, never recorded');
    const orphanSha = createHash('sha256').update(bytes).digest('hex');
    const orphan = exhibitPath(env.core.dataDir, orphanSha);
    fs.mkdirSync(path.dirname(orphan), { recursive: true });
    fs.writeFileSync(orphan, bytes);
    age(orphan, 2);
    const oldStaged = path.join(stagingDir(env.core.dataDir), '01900000-0000-7000-8000-000000000001');
    const youngStaged = path.join(stagingDir(env.core.dataDir), '01900000-0000-7000-8000-000000000002');
    for (const d of [oldStaged, youngStaged]) {
      fs.mkdirSync(d, { recursive: true });
      fs.writeFileSync(path.join(d, 'content'), 'upload');
    }
    age(oldStaged, 48);
    const incoming = path.join(exhibitsDir(env.core.dataDir), '.incoming', 'half-copied');
    fs.writeFileSync(incoming, 'half');
    age(incoming, 3);
    fs.mkdirSync(outboxDir(env.core.dataDir), { recursive: true });

    const verify = await env.core.call('exhibits.verify', {});
    expect(verify.ok).toBe(true);
    expect(verify.orphans).toEqual([{ sha256: orphanSha, path: orphan, bytes: bytes.length }]);

    const check = await env.core.call('maintenance.check', {});
    expect(check.ok).toBe(true);
    expect(check.leftovers.staging.map((s) => [path.basename(s.path), s.stale])).toEqual([
      ['01900000-0000-7000-8000-000000000001', true],
      ['01900000-0000-7000-8000-000000000002', false],
    ]);

    const cleaned = await env.core.call('maintenance.clean', {});
    expect(cleaned.removed).toMatchObject({ staging: 1, incoming: 1, outbox: 0 });
    expect(cleaned.quarantined).toHaveLength(1);
    expect(fs.existsSync(orphan)).toBe(false);
    expect(fs.readFileSync(cleaned.quarantined[0].to)).toEqual(bytes); // moved, never deleted
    expect(fs.existsSync(oldStaged)).toBe(false);
    expect(fs.existsSync(youngStaged)).toBe(true);
    expect(fs.existsSync(incoming)).toBe(false);
    expect((await env.core.call('exhibits.verify', {})).orphans).toEqual([]);
    const audit = await env.core.call('audit.list', {});
    expect(audit.rows[0].entity).toBe('maintenance');
    expect((await env.core.call('audit.verify', {})).ok).toBe(true);

    // Nothing left to do: no new audit row.
    await env.core.call('maintenance.clean', {});
    expect((await env.core.call('audit.list', {})).total).toBe(audit.total);
  });
});
