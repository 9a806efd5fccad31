import { contextBridge, ipcRenderer } from 'electron';
import { buildPreloadApi } from './preload-api.js';

// The contract's method names, written in by scripts/build-electron.mjs from core/api.ts: the
// sandboxed preload cannot load the core itself.
declare const PROCEEDS_METHOD_NAMES: readonly string[];

contextBridge.exposeInMainWorld('proceeds', buildPreloadApi(ipcRenderer, PROCEEDS_METHOD_NAMES));
