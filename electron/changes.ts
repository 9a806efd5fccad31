import { z } from 'zod';
import { CHANNELS } from './channels.js';
import { isAppUrl } from './security.js';

/** What the core pushes after a commit; checked again here, since main relays it to pages. */
export const ChangeList = z
  .array(
    z.object({
      entity: z.string().min(1).max(100),
      caseId: z.string().max(100).nullable(),
      ids: z.array(z.string().min(1).max(100)).max(100).optional(),
      created: z.literal(true).optional(),
      removed: z.literal(true).optional(),
    }).strict(),
  )
  .min(1)
  .max(5000);
export type ChangeList = z.output<typeof ChangeList>;

/** The structural slice of a BrowserWindow this needs (tests pass their mocks). */
export interface ChangeTarget {
  isDestroyed(): boolean;
  webContents: { isDestroyed(): boolean; mainFrame: { url: string }; send(channel: string, ...args: unknown[]): void };
}

/**
 * Relays the core's change feed to every window, the same rule as for what windows may send (sender.ts):
 * only a live window whose main frame shows the app's own page receives it; webContents.send reaches
 * that main frame alone, never a subframe. Returns how many windows were told.
 */
export function broadcastChanges(windows: readonly ChangeTarget[], changes: unknown, warn: (m: string) => void = console.warn): number {
  const parsed = ChangeList.safeParse(changes);
  if (!parsed.success) {
    warn(`dropped a malformed change notice from the core: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return 0;
  }
  let told = 0;
  for (const w of windows) {
    if (w.isDestroyed() || w.webContents.isDestroyed() || !isAppUrl(w.webContents.mainFrame.url)) continue;
    w.webContents.send(CHANNELS.changed, parsed.data);
    told++;
  }
  return told;
}
