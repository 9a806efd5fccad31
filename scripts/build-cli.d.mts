// Types of scripts/build-cli.mjs, for the TypeScript that imports it (bench, tests).
export declare const CLI_BUNDLE: string;
export declare function buildCli(opts?: { outfile?: string }): Promise<string>;
export declare function ensureCli(opts?: { outfile?: string }): Promise<boolean>;
