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

export const api = mergeMethods(
  caseMethods,
  accountMethods,
  transactionMethods,
  auditMethods,
  settingsMethods,
  demoMethods,
);

export type Api = typeof api;
export type MethodName = keyof Api & string;
export type Client = ClientOf<Api>;
