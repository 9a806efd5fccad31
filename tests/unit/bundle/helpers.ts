import fs from 'node:fs';
import path from 'node:path';
import { tempCore } from '../../helpers/core.js';
import { encryptSecretKey, generateSigningKey, publicKeyText, type SigningKey } from '../../../core/keys/secret-key.js';
import { trustedKeyFrom, type TrustedKey } from '../../../core/keys/keyring.js';

export const PASSPHRASE = 'correct horse battery staple';

export interface Agency {
  name: string;
  key: SigningKey;
  keyFile: string;
  pubFile: string;
  trusted: TrustedKey;
}

/** An agency's signing key, written as `proceeds keys generate` writes it. */
export async function makeAgency(dir: string, name: string): Promise<Agency> {
  const key = generateSigningKey(name);
  const keyFile = path.join(dir, `${name}.key`);
  const pubFile = path.join(dir, `${name}.pub`);
  fs.writeFileSync(keyFile, JSON.stringify(await encryptSecretKey(key, PASSPHRASE), null, 2));
  fs.writeFileSync(pubFile, publicKeyText(key));
  return { name, key, keyFile, pubFile, trusted: trustedKeyFrom(publicKeyText(key), { agencyName: name }) };
}

/** A sending agency's installation: the demo case plus two exhibits (one attached twice). */
export async function sendingSide(name = 'sender') {
  const env = tempCore(name);
  const demo = await env.core.call('demo.load', { seed: 7 });
  const files = path.join(env.dir, 'files');
  fs.mkdirSync(files);
  fs.writeFileSync(path.join(files, 'bank-letter.pdf'), '%PDF-1.4 letter from the bank about account 0042\n'.repeat(200));
  fs.writeFileSync(path.join(files, 'photo.jpg'), Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 251)));
  await env.core.call('exhibits.add', { caseId: demo.caseId, file: { path: path.join(files, 'bank-letter.pdf') }, description: 'bank letter' }, { trusted: true });
  await env.core.call('exhibits.add', { caseId: demo.caseId, file: { path: path.join(files, 'photo.jpg') }, description: 'photo of the safe' }, { trusted: true });
  return { env, caseId: demo.caseId, number: demo.number };
}

export async function exportCase(env: ReturnType<typeof tempCore>, caseId: string, agency: Agency, out: string, extra: Record<string, unknown> = {}) {
  return env.core.call(
    'bundles.export',
    { caseId, recipients: ['Receiving Agency'], keyFile: agency.keyFile, passphrase: PASSPHRASE, out, unencrypted: true, ...extra },
    { trusted: true },
  );
}

/** Row counts of the tables a bundle carries. */
export function tableCounts(env: ReturnType<typeof tempCore>, tables: readonly string[]): Record<string, number> {
  return Object.fromEntries(tables.map((t) => [t, (env.core.writer.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
}

/** Runs a trusted call (as the CLI does) and returns the error it throws; fails if it does not throw. */
export async function trustedError(env: ReturnType<typeof tempCore>, method: string, input: unknown) {
  try {
    await env.core.call(method as never, input, { trusted: true });
  } catch (e) {
    return e as { code: string; message: string; issues: { path: string; message: string }[] };
  }
  throw new Error(`${method} did not throw`);
}

/** A small case (fast to export many times): agencies, subjects, accounts, transactions, one exhibit. */
export async function smallCase(env: ReturnType<typeof tempCore>, number = 'TF-SMALL-1') {
  const { core } = env;
  const agency = await core.call('agencies.create', { name: 'FBI Miami', code: `FL${number.length}${Math.floor(Math.random() * 1e6)}` });
  const c = await core.call('cases.create', { number, title: 'Small case', leadAgencyId: agency.id, status: 'open' });
  const s = await core.call('subjects.create', { caseId: c.id, kind: 'person', name: 'Jane Roe' });
  const a1 = await core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier: 'DE89 3704 0044 0532 0130 00', currency: 'EUR', holderSubjectId: s.id });
  const a2 = await core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier: 'GB29NWBK60161331926819', currency: 'EUR' });
  for (const [i, amount] of ['1234.56', '99.01', '5000.00'].entries())
    await core.call('transactions.create', { caseId: c.id, fromAccountId: a1.id, toAccountId: a2.id, amount, currency: 'EUR', occurredAt: `2024-03-0${i + 1}` });
  const f = path.join(env.dir, `scan-${number}.pdf`);
  fs.writeFileSync(f, Buffer.from(`%PDF-1.4 scanned statement ${number}\n`.repeat(50)));
  await core.call('exhibits.add', { caseId: c.id, file: { path: f }, description: 'statement scan' }, { trusted: true });
  return { caseId: c.id, number, subjectId: s.id, accountIds: [a1.id, a2.id] };
}
