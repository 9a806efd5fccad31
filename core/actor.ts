import os from 'node:os';
import type { Sqlite } from '../db/connection.js';
import type { Actor } from './context.js';

/**
 * Who is working, as the database's profile (settings) says, with any override given at start.
 * Before anyone has said who they are, the OS user and "local" stand in, marked unconfigured.
 */
export function resolveActor(sqlite: Sqlite, override: Partial<Actor> = {}): Actor {
  const get = (k: string) => (sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(k) as { value: string } | undefined)?.value;
  const name = override.user ?? get('user.name');
  return {
    user: name ?? os.userInfo().username,
    agency: override.agency ?? get('user.agency') ?? 'local',
    role: override.role ?? get('user.role') ?? '',
    configured: name !== undefined,
  };
}
