import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { openHubDb, type HubConnection } from '../../db/hub/connection.js';
import { loadOrCreateHubKey, type HubKey } from './hub-key.js';
import { importKeyring } from './keyring.js';
import { createHubServer, type HubServerOptions } from './server.js';
import type { HubContext } from './ingest.js';

export interface StartHubOptions {
  /** Files, the embedded database (without databaseUrl) and the hub's key live here. */
  dataDir: string;
  /** A PostgreSQL server (production); without it, PGlite in dataDir. */
  databaseUrl?: string;
  /** proceeds-keyring files of the agencies that push bundles, and of the supervisors who read every agency's totals. */
  keyrings?: string[];
  supervisorKeyrings?: string[];
  keyFile?: string;
  name?: string;
  host?: string;
  port?: number;
  server?: Partial<HubServerOptions>;
}

export interface RunningHub {
  url: string;
  key: HubKey;
  conn: HubConnection;
  context: HubContext;
  close(): Promise<void>;
}

/** Opens (and migrates) the database, loads the keyrings, and listens. */
export async function startHub(o: StartHubOptions): Promise<RunningHub> {
  const conn = await openHubDb({ databaseUrl: o.databaseUrl, dataDir: o.databaseUrl ? undefined : o.dataDir });
  try {
    for (const f of o.keyrings ?? []) await importKeyring(conn.db, f, 'agency');
    for (const f of o.supervisorKeyrings ?? []) await importKeyring(conn.db, f, 'supervisor');
    const key = loadOrCreateHubKey(o.keyFile ?? path.join(o.dataDir, 'hub.key'));
    const context: HubContext = { db: conn.db, key, name: o.name ?? 'hub', dataDir: o.dataDir };
    const server = createHubServer(context, o.server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
    });
    const a = server.address() as AddressInfo;
    return {
      url: `http://${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}`,
      key, conn, context,
      close: async () => {
        await new Promise<void>((r) => server.close(() => r()));
        await conn.close();
      },
    };
  } catch (e) {
    await conn.close();
    throw e;
  }
}
