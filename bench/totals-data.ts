/**
 * A deterministic portfolio for the dashboard benchmark: 100,000 seized assets in 1,000 cases of
 * 20 agencies, in four currencies, spread over 2022-2026 through every lifecycle status, with
 * their status events. Written straight into a real, migrated Proceeds database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../db/connection.js';
import { ASSET_TYPES } from '../core/assets/kinds.js';
import { rng } from './random.js';

/** 4: amounts written as decimal text (a JS number binds as REAL, which a TEXT column keeps as "123.0"). */
const VERSION = 4;

export interface Portfolio {
  dbPath: string;
  assets: number;
  cases: number;
  agencyIds: string[];
  caseIds: string[];
}


const uuid = (kind: number, n: number) => `00000000-0000-7000-${(0x8000 + kind).toString(16)}-${n.toString(16).padStart(12, '0')}`;
const CURRENCIES = ['USD', 'USD', 'USD', 'EUR', 'BRL', 'CLP'];
/** The paths assets take through the lifecycle, most ending forfeited or disposed. */
const PATHS = [
  ['seized'],
  ['seized', 'pending_forfeiture'],
  ['seized', 'pending_forfeiture', 'forfeited'],
  ['seized', 'pending_forfeiture', 'forfeited', 'disposed'],
  ['seized', 'pending_forfeiture', 'forfeited', 'disposed'],
  ['seized', 'returned'],
  ['seized', 'pending_forfeiture', 'released'],
];

/** Amounts are stored as decimal text of minor units. */
const text = (n: number | null) => (n === null ? null : String(n));
const day = (d: number) => new Date(Date.UTC(2022, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);

export function portfolio(assets = 100_000, cases = 1_000, dir = os.tmpdir()): Portfolio {
  const dbPath = path.join(dir, `proceeds-bench-totals-v${VERSION}-${assets}-${cases}.sqlite`);
  const agencyIds = Array.from({ length: 20 }, (_, i) => uuid(1, i));
  const caseIds = Array.from({ length: cases }, (_, i) => uuid(2, i));
  const made = { dbPath, assets, cases, agencyIds, caseIds };
  if (fs.existsSync(dbPath)) return made;
  const tmp = `${dbPath}.building`;
  fs.rmSync(tmp, { force: true });
  const { sqlite, close } = openDatabase(tmp);
  const rand = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  sqlite.transaction(() => {
    const agency = sqlite.prepare('INSERT INTO agencies (id, name, code) VALUES (?, ?, ?)');
    agencyIds.forEach((id, i) => agency.run(id, `Agency ${i}`, `AG-${i}`));
    const kase = sqlite.prepare('INSERT INTO cases (id, number, title, status, lead_agency_id) VALUES (?, ?, ?, ?, ?)');
    const part = sqlite.prepare('INSERT INTO case_participants (id, case_id, agency_id, role, hours) VALUES (?, ?, ?, ?, ?)');
    caseIds.forEach((id, i) => {
      const lead = i % agencyIds.length;
      kase.run(id, `TF-${i}`, `Case ${i}`, 'open', agencyIds[lead]);
      for (let k = 0; k < 3; k++) part.run(uuid(3, i * 3 + k), id, agencyIds[(lead + k * 7) % agencyIds.length], k === 0 ? 'lead' : 'participant', 50 + Math.floor(rand() * 500));
    });
    const asset = sqlite.prepare(`INSERT INTO assets (id, case_id, type, description, seizing_agency_id, seized_on, status, status_on,
      disposition, currency, value_seized_minor, value_appraised_minor, value_realised_minor, costs_minor, deductions_minor)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const event = sqlite.prepare('INSERT INTO asset_status_events (id, asset_id, from_status, to_status, occurred_on, order_reference) VALUES (?, ?, ?, ?, ?, ?)');
    let events = 0;
    for (let n = 0; n < assets; n++) {
      const id = uuid(4, n);
      const caseIdx = Math.floor(rand() * cases);
      const steps = pick(PATHS);
      let d = Math.floor(rand() * 1500);
      const seizedOn = day(d);
      const dates = steps.map((_, i) => (i === 0 ? seizedOn : day((d += 10 + Math.floor(rand() * 120)))));
      const value = 10_000 + Math.floor(rand() * 50_000_000);
      const appraised = rand() < 0.6 ? Math.floor(value * (0.7 + rand() * 0.5)) : null;
      const status = steps[steps.length - 1];
      const realised = status === 'disposed' ? Math.floor(value * (0.5 + rand() * 0.5)) : null;
      asset.run(id, caseIds[caseIdx], pick(ASSET_TYPES), `asset ${n}`, agencyIds[Math.floor(rand() * agencyIds.length)], seizedOn, status,
        dates[dates.length - 1], status === 'disposed' ? 'sold' : null, pick(CURRENCIES), text(value), text(appraised), text(realised),
        text(Math.floor(rand() * value * 0.05)), text(rand() < 0.1 ? Math.floor(value * 0.2) : 0));
      steps.forEach((s, i) => event.run(uuid(5, events++), id, i === 0 ? null : steps[i - 1], s, dates[i], `ORD-${n}-${i}`));
    }
  })();
  sqlite.exec('ANALYZE');
  close();
  fs.renameSync(tmp, dbPath);
  for (const ext of ['-wal', '-shm']) fs.rmSync(tmp + ext, { force: true });
  return made;
}
