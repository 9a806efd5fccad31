import { serveCoreHost } from './core-host.js';
import type { ParentPortLike } from './host-protocol.js';

// Entry of the utilityProcess bundle (dist/electron/core-host.cjs). Electron gives a utility
// process `process.parentPort`; anything else started this file by mistake.
const parent = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!parent) {
  process.stderr.write('core-host: start this through Electron main (utilityProcess.fork), not directly\n');
  process.exit(1);
}
serveCoreHost(parent);
