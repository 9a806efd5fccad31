import type { BrowserWindow, IpcMainEvent, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { isAppUrl } from './security.js';

/** What the guard needs to know about the one window allowed to call the core. */
export type WindowRef = () => BrowserWindow | undefined;

const sameFrame = (a: WebFrameMain, b: WebFrameMain) => a === b || (a.frameToken === b.frameToken && a.processId === b.processId);

/**
 * An IPC message is served only when it comes from the main frame of our own window showing the
 * app's own page. A subframe, another window or a page that navigated elsewhere (if one ever
 * did) is refused, whatever it sends.
 */
export function refusalReason(event: IpcMainEvent | IpcMainInvokeEvent, windowRef: WindowRef): string | undefined {
  const win = windowRef();
  if (!win || win.isDestroyed()) return 'no application window';
  if (event.sender !== win.webContents) return 'the message came from another window';
  const frame = event.senderFrame;
  if (!frame || frame.detached) return 'the sending frame is gone';
  if (frame.parent !== null || !sameFrame(frame, win.webContents.mainFrame)) return 'the message came from a subframe';
  if (!isAppUrl(frame.url)) return `the message came from a page outside the app (${safeOrigin(frame.url)})`;
  return undefined;
}

function safeOrigin(raw: string): string {
  try {
    return new URL(raw).protocol + '//' + new URL(raw).host;
  } catch {
    return 'unknown';
  }
}
