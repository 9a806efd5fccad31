import type { Client } from '../../../../core/api';

/** What the core's preview returns, and what an import reports. */
export type Preview = Awaited<ReturnType<Client['imports.preview']>>;
export type CsvPreview = NonNullable<Preview['csv']>;
export type Report = Awaited<ReturnType<Client['imports.run']>>;
export type PreviewRow = CsvPreview['parsed'][number];
export type Staged = { staged: string; name: string; size: number };
