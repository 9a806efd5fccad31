export const READY_MARKER: string;
export function findElectron(root?: string): { path: string; reason?: undefined } | { reason: string; path?: undefined };
export function electronUnavailableReason(opts?: { root?: string; env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; uid?: number }): string | undefined;
export function buildDesktop(root?: string): Promise<void>;
export function tryStartElectron(opts?: {
  root?: string;
  env?: NodeJS.ProcessEnv;
  build?: boolean;
  electronPath?: string;
  args?: string[];
  /** Called with the app's exit code once it quits; default: becomes the launcher's exit code. */
  onExit?: (code: number) => void;
}): Promise<{ started: boolean; reason?: string }>;
