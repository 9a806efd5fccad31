import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadOutput, uploadFile } from '../../api/client';
import { useApi, useClient } from '../../api/hooks';
import { Field, FormError } from '../../components/Form';
import { Modal } from '../../components/Modal';
import { oneOf } from '../../components/choice';
import { formatCount } from '../../i18n/format';
import { GOAML_REPORT_CODES } from '../../../../core/interchange/goaml-codes';
import { errorText } from '../../i18n/errors';

/**
 * goAML and FollowTheMoney for the case: a goAML report of its transactions (all, or one account's)
 * for the FIU, the case as FtM entities for OpenAleph and the like, and FtM entities read in as
 * subjects and accounts. goAML reports come in through the import wizard.
 */
export function ExchangeDialog({ caseId, readOnly, onClose, onImported }: { caseId: string; readOnly: boolean; onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation('import');
  const client = useClient();
  const accounts = useApi('accounts.list', { caseId });
  const [rentityId, setRentityId] = useState('');
  const [reportCode, setReportCode] = useState<(typeof GOAML_REPORT_CODES)[number]>('STR');
  const [accountId, setAccountId] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      setDone(await work());
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const goaml = () => act(async () => {
    const r = await client['interchange.goaml.export']({ caseId, rentityId: Number(rentityId), reportCode, accountIds: accountId ? [accountId] : [] });
    await downloadOutput(r.outputId!, r.name);
    return t('exchange.goamlDone', { count: r.transactions, formatted: formatCount(r.transactions) });
  });
  const ftmOut = () => act(async () => {
    const r = await client['interchange.ftm.export']({ caseId });
    await downloadOutput(r.outputId!, r.name);
    return t('exchange.ftmDone', { count: r.entities, formatted: formatCount(r.entities) });
  });
  const ftmIn = (file: File) => act(async () => {
    const staged = await uploadFile(file);
    const r = await client['interchange.ftm.import']({ caseId, file: { staged: staged.staged } });
    onImported();
    return t('exchange.ftmImported', { subjects: formatCount(r.subjectsCreated), accounts: formatCount(r.accountsCreated), holders: formatCount(r.holdersLinked) });
  });

  return (
    <Modal title={t('exchange.title')} onClose={onClose} testId="exchange-dialog">
      <h3>{t('exchange.goamlTitle')}</h3>
      <p className="hint">{t('exchange.goamlHint')}</p>
      <div className="form">
        <Field label={t('exchange.rentityId')}>
          <input name="rentityId" inputMode="numeric" value={rentityId} onChange={(e) => setRentityId(e.target.value.replace(/\D/g, ''))} />
        </Field>
        <Field label={t('exchange.reportCode')}>
          <select name="reportCode" value={reportCode} onChange={(e) => setReportCode(oneOf(GOAML_REPORT_CODES, e.target.value) ?? 'STR')}>
            {GOAML_REPORT_CODES.map((c) => <option key={c} value={c}>{t(`exchange.codes.${c}`)}</option>)}
          </select>
        </Field>
        <Field label={t('exchange.account')}>
          <select name="accountId" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
            <option value="">{t('exchange.allTransactions')}</option>
            {accounts.data?.map((a) => <option key={a.id} value={a.id}>{a.identifier}{a.holderName ? ` · ${a.holderName}` : ''} ({a.currency})</option>)}
          </select>
        </Field>
        <div className="form__actions">
          <button className="button button--primary" data-testid="exchange-goaml" disabled={busy || !rentityId} onClick={() => void goaml()}>{t('exchange.goamlExport')}</button>
        </div>
      </div>
      <h3>{t('exchange.ftmTitle')}</h3>
      <p className="hint">{t('exchange.ftmHint')}</p>
      <div className="form__actions">
        <button className="button" data-testid="exchange-ftm-export" disabled={busy} onClick={() => void ftmOut()}>{t('exchange.ftmExport')}</button>
        {!readOnly && (
          <label className="button">
            {t('exchange.ftmImport')}
            <input type="file" hidden accept=".json,.jsonl,.ftm,application/json" data-testid="exchange-ftm-import" onChange={(e) => e.target.files?.[0] && void ftmIn(e.target.files[0])} />
          </label>
        )}
      </div>
      <FormError message={error} />
      {done && <div className="banner banner--ok" role="status">{done}</div>}
    </Modal>
  );
}
