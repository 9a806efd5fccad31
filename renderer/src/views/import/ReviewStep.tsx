import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CsvMapping, DATE_FORMATS } from '../../../../core/import/formats';
import { useApi, useClient } from '../../api/hooks';
import { Field, issuesToErrors } from '../../components/Form';
import { formatDate } from '../../i18n/format';
import { importBlocked } from './blocked';
import { MappingEditor, type Mapping } from './MappingEditor';
import { ParsedTable } from './ParsedTable';
import type { Picked } from './PickStep';
import type { CsvPreview, Preview } from './types';

export interface ImportChoice {
  mapping?: CsvMapping;
  saveMappingAs?: string;
  account?: { id: string } | { identifier: string; currency?: string };
  currency?: string;
  strict: boolean;
}

/** The wizard's starting mapping: the one saved for this header, else what the core detected. */
function initialMapping(p: Preview, csv: CsvPreview): Mapping {
  if (csv.savedMapping) return csv.savedMapping.mapping;
  const s = csv.suggestion.mapping;
  return {
    encoding: p.encoding,
    delimiter: csv.delimiter,
    headerLine: csv.headerLine,
    decimal: s.decimal ?? '.',
    thousands: s.thousands ?? '',
    dateFormat: s.dateFormat ?? DATE_FORMATS[0],
    currency: s.currency,
    sign: csv.sign?.sign ?? s.sign,
    continuationRows: s.continuationRows,
    skipRowsContaining: s.skipRowsContaining,
    columns: { ...s.columns, description: s.columns.description ?? [] },
  };
}

const KB = (n: number) => (n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`);

export function ReviewStep({ caseId, picked, onBack, onImport }: { caseId: string; picked: Picked; onBack: () => void; onImport: (c: ImportChoice) => void }) {
  const client = useClient();
  const { t } = useTranslation('import');
  const [preview, setPreview] = useState(picked.preview);
  const csv = preview.csv;
  const [mapping, setMapping] = useState<Mapping | undefined>(() => (csv ? initialMapping(preview, csv) : undefined));
  const [saveAs, setSaveAs] = useState(csv?.savedMapping?.name ?? '');
  const [strict, setStrict] = useState(false);
  const accounts = useApi('accounts.list', { caseId });
  const [accountId, setAccountId] = useState('');
  const [identifier, setIdentifier] = useState(csv?.suggestion.accountHint ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const file = { staged: picked.staged.staged };
  const parsedMapping = useMemo(() => (mapping ? CsvMapping.safeParse(mapping) : undefined), [mapping]);
  const seq = useRef(0);

  // Every valid mapping change re-parses the first rows in the core, so the preview is what will be imported.
  useEffect(() => {
    if (!parsedMapping) return;
    if (!parsedMapping.success) return setErrors(issuesToErrors(parsedMapping.error.issues));
    setErrors({});
    const n = ++seq.current;
    const timer = setTimeout(() => {
      void client['imports.preview']({ file, format: 'csv', encoding: picked.encoding, mapping: parsedMapping.data }).then((p) => n === seq.current && setPreview(p));
    }, 250);
    return () => clearTimeout(timer);
    // Deliberately not every dependency: runs when the values named below change, not on each render.
  }, [parsedMapping]);

  const changeDialect = async (d: { delimiter: Mapping['delimiter']; headerLine: number }) => {
    const p = await client['imports.preview']({ file, format: 'csv', encoding: picked.encoding, delimiter: d.delimiter, headerLine: d.headerLine });
    setPreview(p);
    if (p.csv) setMapping({ ...initialMapping(p, { ...p.csv, savedMapping: null }), delimiter: d.delimiter, headerLine: d.headerLine });
  };

  const submit = () => {
    const choice: ImportChoice = { strict };
    if (csv) {
      if (!parsedMapping?.success) return;
      if (!accountId && !identifier.trim()) return setErrors({ account: t('review.accountRequired') });
      choice.mapping = parsedMapping.data;
      choice.saveMappingAs = saveAs.trim() || undefined;
      choice.account = accountId ? { id: accountId } : { identifier: identifier.trim(), currency: parsedMapping.data.currency };
    }
    onImport(choice);
  };

  const statements = preview.statements;
  // Asked once, when the file was chosen: re-parsing with another mapping does not hash the file again.
  const importedBefore = picked.preview.importedBefore;
  const blocked = importBlocked({ ...preview, importedBefore }, parsedMapping && !parsedMapping.success ? parsedMapping.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) : undefined);
  return (
    <div data-testid="import-review">
      <p className="muted" data-testid="import-detected">{t('review.detected', { name: preview.fileName, format: t(`formats.${preview.format}`), encoding: preview.encoding, size: KB(preview.size) })}</p>
      {importedBefore && <div className="banner banner--warn" role="alert" id="import-blocked" data-testid="import-duplicate">{t('review.blocked.duplicate', { ...blocked?.values, date: formatDate(importedBefore.on) })}</div>}
      {csv?.savedMapping && <div className="banner banner--ok">{t('review.savedMapping', { name: csv.savedMapping.name })}</div>}
      {csv?.sign && (
        // A guessed sign turns every payment into money in: the wizard says so and asks.
        <p className={csv.sign.guessed ? 'import-warning' : 'hint'} data-testid="import-sign" role={csv.sign.guessed ? 'alert' : undefined}>
          {t(csv.sign.guessed ? 'review.signGuessed' : 'review.signDecided', { evidence: csv.sign.evidence })}
        </p>
      )}
      {csv && mapping && <MappingEditor csv={csv} mapping={mapping} onChange={setMapping} onDialect={changeDialect} errors={errors} />}
      {csv && (
        <>
          <h3>{t('review.parsed')}</h3>
          <ParsedTable rows={csv.parsed} />
        </>
      )}
      {preview.ledger && (
        <>
          <h3>{t('review.parsed')}</h3>
          <ParsedTable rows={preview.ledger.parsed} ledger />
        </>
      )}
      {preview.format === 'goaml' && <p className="hint" data-testid="import-goaml">{t('review.goaml')}</p>}
      {statements && statements.length > 0 && (
        <>
          <h3>{t('review.statements')}</h3>
          {statements.map((s, i) => (
            <div key={i} className="import-statement">
              <strong>{t('review.statement', { account: s.account, currency: s.currency, count: s.count })}</strong>
              {s.problems > 0 && <span className="muted"> · {t('review.problems', { count: s.problems })}</span>}
              {s.parsed.length > 0 && <ParsedTable rows={s.parsed} />}
            </div>
          ))}
        </>
      )}
      <div className="form import-options">
        {csv && (
          <>
            <Field label={t('review.existingAccount')} error={errors.account}>
              <select name="accountId" data-testid="import-account" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
                <option value="">{t('review.newAccount')}</option>
                {accounts.data?.filter((a) => !a.external).map((a) => <option key={a.id} value={a.id}>{a.identifier}{a.holderName ? ` · ${a.holderName}` : ''} ({a.currency})</option>)}
              </select>
            </Field>
            {!accountId && (
              <Field label={t('review.newAccount')}>
                <input name="accountIdentifier" data-testid="import-account-identifier" value={identifier} onChange={(e) => setIdentifier(e.target.value)} />
              </Field>
            )}
            <Field label={t('review.saveAs')} hint={t('review.saveAsHint')}>
              <input name="saveAs" data-testid="import-save-as" value={saveAs} onChange={(e) => setSaveAs(e.target.value)} />
            </Field>
          </>
        )}
        <label className="checkbox"><input type="checkbox" data-testid="import-strict" checked={strict} onChange={(e) => setStrict(e.target.checked)} /> {t('review.strict')}</label>
      </div>
      <div className="form__actions">
        <button className="button" onClick={onBack}>{t('review.back')}</button>
        {blocked && blocked.key !== 'duplicate' && <span className="muted" id="import-blocked" data-testid="import-blocked">{t(`review.blocked.${blocked.key}`, blocked.values)}</span>}
        <button className="button button--primary" data-testid="import-run" disabled={Boolean(blocked) || Boolean(csv && !parsedMapping?.success)} aria-describedby={blocked ? 'import-blocked' : undefined} onClick={submit}>{t('review.import')}</button>
      </div>
    </div>
  );
}
