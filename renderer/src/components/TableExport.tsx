import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../core/api';
import { downloadOutput } from '../api/client';
import { useClient, useReadOnly } from '../api/hooks';
import { ErrorBanner } from './Misc';

type Input = Parameters<Client['export.table']>[0];

/** "CSV" and "XLSX" buttons: the core writes the whole table (not just the rows in view), then it downloads. */
export function TableExport(props: { caseId: string; table: Input['table']; trace?: Input['trace']; testId?: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const readOnly = useReadOnly();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  if (readOnly) return null;
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await client['export.table']({ caseId: props.caseId, table: props.table, format, trace: props.trace });
      await downloadOutput(r.outputId!, r.name);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="table-export" data-testid={props.testId ?? `export-${props.table}`}>
      <button className="button" disabled={busy} onClick={() => void run('csv')}>{t('exports.csv')}</button>
      <button className="button" disabled={busy} onClick={() => void run('xlsx')}>{t('exports.xlsx')}</button>
      <ErrorBanner error={error} />
    </span>
  );
}
