// The CLI tests run the real `proceeds` command, which runs the bundle dist/cli/proceeds.mjs:
// rebuild it first when a source is newer, so a test never runs yesterday's CLI.
import { ensureCli } from '../../scripts/build-cli.mjs';

export default async function setup(): Promise<void> {
  if (await ensureCli()) console.log('built dist/cli/proceeds.mjs (a source was newer)');
}
