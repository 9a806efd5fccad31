import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation, useReadOnly } from '../../api/hooks';
import { Field, FormError, FormActions } from '../../components/Form';
import { useForm } from '../../components/useForm';
import { formatMoney } from '../../i18n/format';
import { useNav } from '../../nav';
import { AmountInput } from '../../components/LocaleInputs';

interface Link { id: string; kind: 'account' | 'transaction' | 'trace'; targetId: string; label: string; method: string | null; amountMinor: string | null; currency: string | null }
interface Asset { id: string; caseId: string; currency: string; links: Link[] }

/** Which tab shows each kind of linked record, and under which route parameter. */
const TARGET_TAB = { account: ['subjects', 'account'], transaction: ['transactions', 'transaction'], trace: ['trail', 'trace'] } as const;

/** What funded the asset: accounts, payments and saved traces, each one click from its own view. */
export function LinksPanel({ asset }: { asset: Asset }) {
  // Under review (a bundle's data) nothing here may be changed.
  const readOnly = useReadOnly();
  const { t } = useTranslation('assets');
  const { go } = useNav();
  const [adding, setAdding] = useState(false);
  const remove = useApiMutation('assets.linkRemove');
  const money = (l: Link) => (l.amountMinor !== null && l.currency ? formatMoney(l.amountMinor, l.currency) : '');
  // Under review the links are shown, not followed: the target view would leave the bundle for the local database.
  const open = (l: Link) => readOnly ? undefined : go({ view: 'case', caseId: asset.caseId, tab: TARGET_TAB[l.kind][0], params: { [TARGET_TAB[l.kind][1]]: l.targetId } });
  return (
    <section className="panel" data-testid="asset-links">
      <div className="panel__header">
        <h2>{t('links.title')}</h2>
        {!readOnly && <button className="button" onClick={() => setAdding((x) => !x)}>{t('links.add')}</button>}
      </div>
      <div className="funded">
        {asset.links.length === 0 && <p className="muted">{t('links.empty')}</p>}
        {asset.links.map((l) => (
          <div key={l.id} className="funded__line">
            <div>
              {l.kind === 'trace' && l.amountMinor !== null ? (
                <button className="link-button funded__headline" onClick={() => open(l)}>{t('links.summary', { amount: money(l), method: (l.method ?? '').toUpperCase() })}</button>
              ) : (
                <button className="link-button" onClick={() => open(l)}>{t(`links.${l.kind}`)}: {l.label}</button>
              )}
              {l.kind === 'trace' && <div className="muted">{l.label}</div>}
              {l.kind !== 'trace' && money(l) && <span className="muted"> · {money(l)}</span>}
            </div>
            {!readOnly && <button className="icon-button" aria-label={t('links.remove')} onClick={() => remove.mutate({ id: l.id })}>×</button>}
          </div>
        ))}
      </div>
      {adding && !readOnly && <LinkForm asset={asset} onDone={() => setAdding(false)} />}
    </section>
  );
}

function LinkForm({ asset, onDone }: { asset: Asset; onDone: () => void }) {
  const { t } = useTranslation('assets');
  // Fresh on every open: traces are often saved from another view or the command line just before.
  const accounts = useApi('accounts.list', { caseId: asset.caseId }, { staleTime: 0 });
  const traces = useApi('trace.list', { caseId: asset.caseId }, { staleTime: 0 });
  const [search, setSearch] = useState('');
  const txs = useApi('transactions.list', { caseId: asset.caseId, search: search || undefined, limit: 50 });
  const add = useApiMutation('assets.linkAdd');
  const f = useForm({ kind: 'trace', target: '', amount: '', note: '' }, { guard: false });
  const v = f.values;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const key = v.kind === 'account' ? 'accountId' : v.kind === 'transaction' ? 'transactionId' : 'traceId';
    const amount = v.amount.trim() ? { amount: v.amount, currency: asset.currency } : {};
    add.mutate({ assetId: asset.id, [key]: v.target || undefined, note: v.note, ...amount }, { onSuccess: onDone, onError: f.fail });
  };
  const options =
    v.kind === 'account' ? (accounts.data ?? []).map((a) => [a.id, `${a.holderName ? a.holderName + ' · ' : ''}${a.identifier}`])
    : v.kind === 'transaction' ? (txs.data?.rows ?? []).map((x) => [x.id, `${x.occurredAt} · ${formatMoney(x.amountMinor, x.currency)} · ${x.reference || x.memo}`])
    : (traces.data ?? []).map((x) => [x.id, `${x.name || x.id.slice(0, 8)} (${x.method.toUpperCase()})`]);
  return (
    <form className="form form--inline" onSubmit={submit} noValidate>
      <FormError message={f.formError} />
      <Field label={t('links.title')}>
        <select {...f.bind('kind')} onChange={(e) => { f.set('kind', e.target.value); f.set('target', ''); }}>
          {(['trace', 'transaction', 'account'] as const).map((k) => <option key={k} value={k}>{t(`links.${k}`)}</option>)}
        </select>
      </Field>
      {v.kind === 'transaction' && <Field label={t('links.search')}><input className="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('links.searchHint')} /></Field>}
      <Field label={t(`links.${v.kind}`)} error={f.errors.accountId ?? f.errors.transactionId ?? f.errors.traceId}>
        <select {...f.bind('target')} name="linkTarget"><option value="">—</option>{options.map(([id, label]) => <option key={id} value={id}>{label}</option>)}</select>
      </Field>
      <Field label={`${t('links.amount')} (${asset.currency})`} error={f.errors.amount}><AmountInput {...f.bind('amount')} currency={asset.currency} /></Field>
      <Field label={t('links.note')}><input {...f.bind('note')} /></Field>
      <FormActions onCancel={onDone} submitLabel={t('links.add')} busy={add.isPending} />
    </form>
  );
}
