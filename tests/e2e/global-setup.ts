import { buildRenderer } from '../../scripts/build-renderer.js';
import { chromiumAvailable, CHROMIUM } from './chromium.js';

/** Builds the real renderer once for all end-to-end tests, and insists on Chromium under CI. */
export default async function setup(): Promise<void> {
  if (!chromiumAvailable()) {
    const msg = `\n\n*** END-TO-END TESTS NEED CHROMIUM: ${CHROMIUM} not found. Install it: apt-get install -y chromium ***\n\n`;
    if (process.env.CI) throw new Error(msg);
    console.warn(msg);
    return;
  }
  await buildRenderer();
}
