import { Core } from '../core/core.js';
import { registerSecretProtector } from '../core/keys/protection.js';
import { Session } from '../core/transport/session.js';
import { HostSecrets } from './host-secrets.js';
import type { HostInit, HostPort, HostToMain, MainToHost, ParentPortLike, PortMessage } from './host-protocol.js';

export interface CoreHostDeps {
  openCore?: (init: HostInit) => Core;
  exit?: (code: number) => void;
}

export interface CoreHost {
  /** The keychain protector backed by main's safeStorage, once main said there is one. */
  secrets(): HostSecrets | undefined;
  core(): Core | undefined;
}

const defaultOpen = (init: HostInit) => {
  // The bundled host cannot find migrations relative to itself; main tells it where they are.
  if (init.migrationsDir) process.env.PROCEEDS_MIGRATIONS = init.migrationsDir;
  const core = new Core({ dbPath: init.dbPath, dataDir: init.dataDir, key: init.dbKey ? { raw: Buffer.from(init.dbKey, 'hex') } : undefined });
  // Deep verification first: a database edited outside the app opens read-only (the window shows the findings).
  core.verifyOnOpen();
  // Leftovers of a killed run (stale uploads, unfetched outputs, orphaned exhibit files): cleaned, audited.
  if (!core.readonlyReason) void core.call('maintenance.clean', {}, { trusted: true }).catch(() => undefined);
  return core;
};

/**
 * The core's side of the utilityProcess: opens the database when main says where it is, then
 * serves one Session per MessagePort main hands over. Keeping the core here means a long import or
 * trace never freezes the window, and a crash in native code takes down only this process.
 */
export function serveCoreHost(parent: ParentPortLike, deps: CoreHostDeps = {}): CoreHost {
  const openCore = deps.openCore ?? defaultOpen;
  const exit = deps.exit ?? ((code: number) => process.exit(code));
  let secrets: HostSecrets | undefined;
  const sessions = new Set<Session>();
  const waiting: { port: HostPort; trusted: boolean }[] = [];
  let core: Core | undefined;
  const send = (m: HostToMain) => parent.postMessage(m);

  function connect(port: HostPort, trusted: boolean): void {
    if (!core) return void waiting.push({ port, trusted });
    const session = new Session(core, (m) => port.postMessage(m), trusted);
    sessions.add(session);
    port.on('message', (e: PortMessage) => void session.handle(e.data));
    port.on('close', () => {
      session.close();
      sessions.delete(session);
    });
    port.start();
  }

  function init(config: HostInit): void {
    if (core) return;
    if (config.keychain) {
      secrets = new HostSecrets(parent, config.keychain);
      // The key store (core/keys) asks for it when a key is created or used.
      registerSecretProtector(secrets);
    }
    try {
      core = openCore(config);
    } catch (e) {
      send({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
      return;
    }
    send({ type: 'ready', filesKey: core.fileCipher?.key.toString('hex') });
    for (const w of waiting.splice(0)) connect(w.port, w.trusted);
  }

  async function shutdown(): Promise<void> {
    for (const s of sessions) s.close();
    sessions.clear();
    // A signed checkpoint on every close: the file beside the database anchors the log as it was left.
    await core?.checkpointOnClose();
    core?.close();
    core = undefined;
    if (secrets) registerSecretProtector(undefined);
    exit(0);
  }

  parent.on('message', (e: PortMessage) => {
    const m = e.data as MainToHost;
    if (!m || typeof m !== 'object') return;
    if (secrets?.receive(m)) return;
    if (m.type === 'init') return init(m.init);
    if (m.type === 'connect' && e.ports?.[0]) return connect(e.ports[0], m.trusted === true);
    if (m.type === 'shutdown') return void shutdown();
  });

  return { secrets: () => secrets, core: () => core };
}
