/**
 * THE contract: every method the renderer, the CLI and the web bridge can call.
 * Each domain declares its own method map; a name declared twice fails at start-up.
 */
import { mergeMethods, type ClientOf } from './contract.js';
import { caseMethods } from './cases/methods.js';
import { accountMethods } from './accounts/methods.js';
import { transactionMethods } from './transactions/methods.js';
import { auditMethods, settingsMethods } from './audit/methods.js';
import { demoMethods } from './demo/methods.js';
import { importMethods } from './import/methods.js';
import { assetMethods } from './assets/methods.js';
import { custodyMethods } from './custody/methods.js';
import { exhibitMethods } from './exhibits/methods.js';
import { dashboardMethods } from './dashboard/methods.js';
import { backupMethods } from './audit/backup.js';
import { traceMethods } from './trace/methods.js';
import { graphMethods } from './graph/methods.js';
import { layoutMethods } from './graph/layouts.js';
import { exportMethods } from './exports/methods.js';
import { keyMethods } from './keys/methods.js';
import { bundleMethods } from './bundle/methods.js';
import { maintenanceMethods } from './maintenance/methods.js';
import { restoreMethods } from './restore/methods.js';
import { encryptionMethods } from './encryption/methods.js';
import { interchangeMethods } from './interchange/methods.js';
import { sharingWorksheetMethods } from './sharing/methods.js';
import { hubLinkMethods } from './hublink/methods.js';

export const api = mergeMethods(
  caseMethods,
  accountMethods,
  transactionMethods,
  auditMethods,
  settingsMethods,
  demoMethods,
  importMethods,
  assetMethods,
  custodyMethods,
  exhibitMethods,
  dashboardMethods,
  backupMethods,
  traceMethods,
  graphMethods,
  layoutMethods,
  exportMethods,
  keyMethods,
  bundleMethods,
  maintenanceMethods,
  restoreMethods,
  encryptionMethods,
  interchangeMethods,
  sharingWorksheetMethods,
  hubLinkMethods,
);

export type Api = typeof api;
export type MethodName = Extract<keyof Api, string>;
export type Client = ClientOf<Api>;
