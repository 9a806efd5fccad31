import { useTranslation } from 'react-i18next';
import { useNav } from '../../nav';
import { formatCount } from '../../i18n/format';

export interface ImportOutcome {
  caseId: string;
  inserted: Record<string, number>;
  conflictCount: number;
  conflicts: { table: string; id: string; fields: { field: string }[] }[];
  matched: unknown[];
  exhibits: { stored: number };
  audit: { rows: number; intact: boolean; brokenAt: number | null };
}

/** What an import did: records added, conflicts (local kept), matches, exhibits, the sender's audit trail. */
export function ImportResult({ outcome, caseNumber }: { outcome: ImportOutcome; caseNumber: string }) {
  const { t } = useTranslation('bundles');
  const { go } = useNav();
  const inserted = Object.values(outcome.inserted).reduce((a, b) => a + b, 0);
  return (
    <section className="panel" data-testid="import-result">
      <div className="banner banner--ok">{t('receive.imported', { inserted: formatCount(inserted), number: caseNumber })}</div>
      <ul>
        <li className={outcome.conflictCount ? 'text-warn' : undefined}>{outcome.conflictCount ? t('receive.conflicts', { count: outcome.conflictCount }) : t('receive.noConflicts')}</li>
        {outcome.matched.length > 0 && <li>{t('receive.matched', { count: outcome.matched.length })}</li>}
        <li>{t('receive.exhibitsStored', { count: outcome.exhibits.stored })}</li>
        <li>{outcome.audit.intact ? t('receive.auditIntact', { rows: outcome.audit.rows }) : t('receive.auditBroken', { seq: outcome.audit.brokenAt })}</li>
      </ul>
      {outcome.conflicts.length > 0 && (
        <ul className="mono bundle-problems">
          {outcome.conflicts.slice(0, 50).map((c) => <li key={c.id}>{t('receive.conflictRow', { table: c.table, id: c.id, fields: c.fields.map((f) => f.field).join(', ') })}</li>)}
        </ul>
      )}
      <div className="form__actions">
        <button className="button button--primary" onClick={() => go({ view: 'case', caseId: outcome.caseId })}>{t('receive.openCase')}</button>
      </div>
    </section>
  );
}
