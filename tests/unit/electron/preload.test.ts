import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { methodNames } from '../../../core/core.js';
import { CHANNELS } from '../../../electron/channels.js';
import { buildPreloadApi } from '../../../electron/preload-api.js';
import shared, { MockIpcRenderer } from '../../electron/electron-mock.js';
import { perTest, rejection } from '../../electron/desktop-chain.js';

const t = perTest();

describe('window.proceeds', () => {
  it('is what the preload entry exposes: the contract client, two dialogs, file staging and change notices, never ipcRenderer', async () => {
    (globalThis as Record<string, unknown>).PROCEEDS_METHOD_NAMES = methodNames();
    await import('../../../electron/preload.js');
    const exposed = shared.state.exposed.proceeds;
    expect(Object.keys(shared.state.exposed)).toEqual(['proceeds']);
    expect(Object.keys(exposed).sort()).toEqual(['api', 'call', 'cancel', 'methods', 'onChanges', 'pickFile', 'saveOutput', 'stageFile']);
    expect(Object.keys(exposed.api).sort()).toEqual([...methodNames()].sort());
    expect(exposed.methods).toEqual(methodNames());
    // Nothing reachable from the exposed object is ipcRenderer or has its send/invoke/on.
    const seen = new Set<unknown>();
    const walk = (v: unknown) => {
      if (v === null || (typeof v !== 'object' && typeof v !== 'function') || seen.has(v)) return;
      seen.add(v);
      expect(v).not.toBe(shared.ipcRenderer);
      for (const k of Object.keys(v as object)) walk((v as Record<string, unknown>)[k]);
    };
    walk(exposed);
    expect(Object.isFrozen(exposed) && Object.isFrozen(exposed.api)).toBe(true);
  });

  it('refuses an unknown method or a malformed call id without a message to main', async () => {
    const ipc = new MockIpcRenderer();
    let invoked = 0;
    ipc.target = { invoke: async () => void invoked++, send: () => void invoked++ };
    const api = buildPreloadApi(ipc, ['cases.list']);
    expect(await rejection(api.call('__proto__', {}))).toMatchObject({ code: 'NotFound' });
    expect(await rejection(api.call('cases.list', {}, undefined, 'a b'))).toMatchObject({ code: 'Invalid', issues: [{ path: 'callId' }] });
    api.cancel('../etc');
    expect(invoked).toBe(0);
  });

  it('streams progress to the caller and stages a file chosen in the open dialog', async () => {
    const chain = await t.chain();
    const file = path.join(chain.dir, 'bank-statement.pdf');
    const bytes = crypto.randomBytes(3 * 1024 * 1024 + 17);
    fs.writeFileSync(file, bytes);
    chain.mock.state.dialog.openResults.push({ canceled: false, filePaths: [file] });
    const staged = await chain.proceeds.pickFile({ title: 'Attach an exhibit', filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    expect(chain.mock.state.dialog.calls[0].options).toMatchObject({ title: 'Attach an exhibit', filters: [{ name: 'PDF', extensions: ['pdf'] }], properties: ['openFile'] });
    expect(staged).toMatchObject({ name: 'bank-statement.pdf', size: bytes.length });
    const c = (await chain.proceeds.api['cases.create']({ number: 'TF-9', title: 'Nine' })) as { id: string };
    const progress: { phase: string; bytesDone?: number }[] = [];
    const exhibit = (await chain.proceeds.api['exhibits.add']({ caseId: c.id, file: { staged: staged!.staged } }, (p) => progress.push(p))) as { sha256: string };
    expect(exhibit.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toMatchObject({ phase: 'storing', bytesDone: bytes.length });
    // Progress went to our page only, tagged with the call's id (beside it, only the change notices every window gets).
    const progressSent = chain.win.webContents.sent.filter((s) => s.channel !== CHANNELS.changed);
    expect(progressSent.length).toBeGreaterThan(0);
    expect(progressSent.every((s) => s.channel === CHANNELS.progress && typeof s.args[0] === 'string')).toBe(true);
  });

  it('gives nothing when the dialog is cancelled, and the page cannot pass a path itself', async () => {
    const chain = await t.chain();
    expect(await chain.proceeds.pickFile()).toBeNull();
    const c = (await chain.proceeds.api['cases.create']({ number: 'TF-10', title: 'Ten' })) as { id: string };
    const e = await rejection(chain.proceeds.api['exhibits.add']({ caseId: c.id, file: { path: '/etc/passwd' } }));
    expect(e.code).toBe('Forbidden');
    expect(chain.count('exhibits')).toBe(0);
    expect(await rejection(chain.proceeds.pickFile({ filters: [{ name: 'x', extensions: ['../../x'] }] }))).toMatchObject({ code: 'Invalid' });
    expect(await rejection(chain.proceeds.pickFile({ properties: ['openDirectory'] } as never))).toMatchObject({ code: 'Invalid' });
    expect(chain.mock.state.dialog.calls).toHaveLength(1);
  });
});
