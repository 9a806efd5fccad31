import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tempCore } from '../helpers/core.js';
import { mergeMethods, mutation } from '../../core/contract.js';
import { api } from '../../core/api.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

describe('the core dispatcher', () => {
  it('refuses a method name declared twice at start-up', () => {
    const m = { 'x.y': mutation(z.object({}), () => 1) };
    expect(() => mergeMethods(m, m)).toThrow(/declared twice/);
  });

  it('every method has a zod input schema and a handler', () => {
    for (const [name, def] of Object.entries(api)) {
      expect(typeof def.input.safeParse, name).toBe('function');
      expect(typeof def.handler, name).toBe('function');
    }
  });

  it('rejects unknown methods and prototype names', async () => {
    env = tempCore();
    await expect(env.core.call('nope' as never, {})).rejects.toMatchObject({ code: 'NotFound' });
    await expect(env.core.call('constructor' as never, {})).rejects.toMatchObject({ code: 'NotFound' });
    await expect(env.core.call('__proto__' as never, {})).rejects.toMatchObject({ code: 'NotFound' });
  });

  it('runs concurrent mutations one at a time; a failing one leaves nothing', async () => {
    env = tempCore();
    const { core } = env;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => core.call('cases.create', { number: `TF-${i % 10}`, title: `Case ${i}` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.code === 'Conflict')).toBe(true);
    expect(await core.call('cases.list', {})).toHaveLength(10);
    expect((await core.call('audit.verify', {})).rows).toBe(10);
  });

  it('the reader does not see a mutation until it commits', async () => {
    env = tempCore();
    const { core } = env;
    core.writer.sqlite.exec('BEGIN IMMEDIATE');
    core.writer.sqlite.exec("INSERT INTO cases (id, number, title) VALUES ('x', 'TF-X', 'uncommitted')");
    expect(await core.call('cases.list', {})).toHaveLength(0);
    core.writer.sqlite.exec('ROLLBACK');
  });
});
