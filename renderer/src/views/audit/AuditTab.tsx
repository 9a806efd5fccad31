import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { useApi, useClient } from '../../api/hooks';
import { Grid } from '../../components/Grid';
import { ErrorBanner } from '../../components/Misc';
import { formatDate } from '../../i18n/format';
import type { TabProps } from '../case/tabs';
import type { AuditRow } from '../../../../core/audit/chain';
import { useQuery } from '@tanstack/react-query';

/** Summarises a change for a person: which fields changed, or "created" / "removed". */
function describeChange(r: AuditRow): string {
  const before = JSON.parse(r.before) as Record<string, unknown> | null;
  const after = JSON.parse(r.after) as Record<string, unknown> | null;
  if (!before && after) return 'created';
  if (before && !after) return 'removed';
  if (!before || !after) return '';
  return Object.keys(after)
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]) && k !== 'updatedAt')
    .map((k) => `${k}: ${String(before[k] ?? '')} → ${String(after[k] ?? '')}`)
    .join('; ');
}

export function AuditTab({ caseId }: TabProps) {
  const { t } = useTranslation('case');
  const client = useClient();
  const log = useApi('audit.list', { caseId, limit: 5000 });
  const verify = useQuery({ queryKey: ['audit.verify-manual'], queryFn: () => client['audit.verify']({}), enabled: false });
  // Replays the whole log against the tables: a button, not on every visit (it reads every row).
  const deep = useQuery({ queryKey: ['audit.verifyDeep-manual'], queryFn: () => client['audit.verifyDeep']({}), enabled: false });
  const columns: ColDef<AuditRow>[] = [
    { field: 'seq', headerName: t('audit.seq'), width: 80, type: 'numericColumn' },
    { field: 'at', headerName: t('audit.at'), width: 180, valueFormatter: (p) => formatDate(p.value) },
    { field: 'actor', headerName: t('audit.actor'), width: 120 },
    { field: 'agency', headerName: t('audit.agency'), width: 150 },
    { field: 'method', headerName: t('audit.method'), width: 170, cellClass: 'mono' },
    { field: 'entity', headerName: t('audit.entity'), width: 120 },
    { headerName: t('audit.change'), flex: 2, minWidth: 240, valueGetter: (p) => (p.data ? describeChange(p.data) : '') },
    { field: 'hash', headerName: t('audit.hash'), width: 150, cellClass: 'mono', valueFormatter: (p) => String(p.value).slice(0, 16) + '…', tooltipField: 'hash' },
  ];
  const report = verify.data;
  return (
    <section className="panel">
      <div className="panel__header">
        <h2>{t('audit.title')} <span className="muted">({log.data?.total ?? 0})</span></h2>
        <div>
          <button className="button" onClick={() => void verify.refetch()}>{t('audit.verify')}</button>{' '}
          <button className="button" data-testid="audit-deep-button" onClick={() => void deep.refetch()}>{t('audit.deep')}</button>
        </div>
      </div>
      <ErrorBanner error={log.error ?? verify.error ?? deep.error} />
      {report && (
        <div className={`banner ${report.ok ? 'banner--ok' : 'banner--error'}`} role="status" data-testid="audit-verify">
          {report.fileProblems.length > 0 && <div data-testid="audit-file-damaged">{t('audit.fileDamaged', { problem: report.fileProblems[0] })}</div>}
          {report.firstBroken ? t('audit.broken', { seq: report.firstBroken.seq, reason: report.firstBroken.reason }) : t('audit.intact', { rows: report.rows, head: report.headHash.slice(0, 16) + '…' })}
          {!report.tree.ok && <div>{t('audit.treeWrong', { message: report.tree.message })}</div>}
          {report.checkpoints.filter((c) => !c.ok).map((c) => <div key={c.source}>{t('audit.checkpointFails', { size: c.size, source: c.source, message: c.message })}</div>)}
        </div>
      )}
      {deep.data && (
        <div className={`banner ${deep.data.ok ? 'banner--ok' : 'banner--error'}`} role="status" data-testid="audit-deep">
          {deep.data.ok ? t('audit.deepOk', { rows: deep.data.checkedRows, digests: deep.data.digests }) : t('audit.deepFindings', { count: deep.data.findings.length })}
          {deep.data.findings.slice(0, 50).map((f, i) => (
            <div key={i} className="mono">{t('audit.finding', { kind: f.kind, table: f.table, id: f.id, column: f.column ?? '', expected: f.expected ?? '—', found: f.found ?? '—' })}</div>
          ))}
        </div>
      )}
      <Grid<AuditRow> testId="audit-grid" rowData={log.data?.rows ?? []} columnDefs={columns} height="calc(100vh - 320px)" getRowId={(p) => String(p.data.seq)} />
    </section>
  );
}
