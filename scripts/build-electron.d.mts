import type { Metafile } from 'esbuild';

export function contractMethodNames(): Promise<string[]>;
export function buildElectron(opts?: { outDir?: string; methodNames?: readonly string[]; minify?: boolean }): Promise<{
  outDir: string;
  methodNames: readonly string[];
  files: { main: string; preload: string; coreHost: string };
  metafiles: { main: Metafile; preload: Metafile; coreHost: Metafile };
}>;
