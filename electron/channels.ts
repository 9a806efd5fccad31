/**
 * The IPC channels between the preload and main, in one place so both sides agree.
 * The preload never hands ipcRenderer to the page: these names stay inside the preload.
 */
export const CHANNELS = {
  call: 'proceeds:call',
  cancel: 'proceeds:cancel',
  progress: 'proceeds:progress',
  pickFile: 'proceeds:pick-file',
  saveOutput: 'proceeds:save-output',
  uploadBegin: 'proceeds:upload-begin',
  uploadChunk: 'proceeds:upload-chunk',
  uploadFinish: 'proceeds:upload-finish',
  uploadAbort: 'proceeds:upload-abort',
  /** Main to the page only: what the core says changed ({entity, caseId}[]), so open views refresh. */
  changed: 'proceeds:changed',
} as const;

/** The custom scheme the renderer is served from: proceeds://app/index.html. */
export const APP_SCHEME = 'proceeds';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** A call id chosen by the preload or the page; the same shape the message protocol accepts. */
export const CALL_ID = /^[\w-]{1,64}$/;
