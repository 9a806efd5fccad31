import { useTranslation } from 'react-i18next';
import { TransactionCreate } from '../../../../core/transactions/schemas';
import { useApiMutation } from '../../api/hooks';
import { Modal } from '../../components/Modal';
import { Field, FormError, FormActions } from '../../components/Form';
import { useForm } from '../../components/useForm';
import { todayLocal } from '../../i18n/format';
import { AmountInput, DateInput } from '../../components/LocaleInputs';

interface AccountOption { id: string; identifier: string; holderName: string; currency: string }

export function TransactionDialog({ caseId, accounts, onClose, onSaved }: { caseId: string; accounts: AccountOption[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation('case');
  const { t: tc } = useTranslation();
  const create = useApiMutation('transactions.create');
  const f = useForm({ fromAccountId: '', toAccountId: '', amount: '', currency: accounts[0]?.currency ?? 'USD', toAmount: '', toCurrency: '', occurredAt: todayLocal(), method: 'wire', reference: '', memo: '' });
  const label = (a: AccountOption) => `${a.holderName ? a.holderName + ' · ' : ''}${a.identifier} (${a.currency})`;
  const byId = (id: string) => accounts.find((a) => a.id === id);
  // Sending and receiving accounts in two currencies make the transaction an exchange: both legs are asked.
  const pickAccount = (k: 'fromAccountId' | 'toAccountId') => (e: { target: { value: string } }) => {
    f.set(k, e.target.value);
    const [from, to] = [byId(k === 'fromAccountId' ? e.target.value : f.values.fromAccountId), byId(k === 'toAccountId' ? e.target.value : f.values.toAccountId)];
    if (from ?? to) f.set('currency', (from ?? to)!.currency);
    f.set('toCurrency', from && to && from.currency !== to.currency ? to.currency : '');
  };
  const exchange = f.values.toCurrency !== '';
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = f.values;
    const input = {
      ...v, caseId, fromAccountId: v.fromAccountId || undefined, toAccountId: v.toAccountId || undefined,
      toAmount: exchange ? v.toAmount : undefined, toCurrency: exchange ? v.toCurrency : undefined,
    };
    const parsed = f.parse(TransactionCreate, input);
    if (!parsed) return;
    create.mutate(parsed, { onSuccess: () => { onSaved(); onClose(); }, onError: f.fail });
  };
  return (
    <Modal title={t('transactions.add')} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <FormError message={f.formError} />
        <Field label={t('transactions.date')} error={f.errors.occurredAt} hint={t('transactions.dateHint')}><DateInput {...f.bind('occurredAt')} /></Field>
        <Field label={t('transactions.from')} error={f.errors.fromAccountId}>
          <select {...f.bind('fromAccountId')} onChange={pickAccount('fromAccountId')}><option value="">{t('transactions.none')}</option>{accounts.map((a) => <option key={a.id} value={a.id}>{label(a)}</option>)}</select>
        </Field>
        <Field label={t('transactions.to')} error={f.errors.toAccountId}>
          <select {...f.bind('toAccountId')} onChange={pickAccount('toAccountId')}><option value="">{t('transactions.none')}</option>{accounts.map((a) => <option key={a.id} value={a.id}>{label(a)}</option>)}</select>
        </Field>
        <Field label={t('transactions.amount')} error={f.errors.amount}><AmountInput {...f.bind('amount')} currency={f.values.currency} data-autofocus /></Field>
        <Field label={t('transactions.currency')} error={f.errors.currency}><input {...f.bind('currency')} maxLength={5} /></Field>
        {exchange && (
          <>
            <Field label={t('transactions.received')} error={f.errors.toAmount} hint={t('transactions.receivedHint')}><AmountInput {...f.bind('toAmount')} currency={f.values.toCurrency} /></Field>
            <Field label={t('transactions.receivedCurrency')} error={f.errors.toCurrency}><input {...f.bind('toCurrency')} maxLength={5} readOnly /></Field>
          </>
        )}
        <Field label={t('transactions.method')} error={f.errors.method}>
          <select {...f.bind('method')}>{['wire', 'ach', 'sepa', 'cash', 'check', 'card', 'crypto', 'internal', 'other'].map((m) => <option key={m} value={m}>{t(`transactions.methods.${m}`)}</option>)}</select>
        </Field>
        <Field label={t('transactions.reference')} error={f.errors.reference}><input {...f.bind('reference')} /></Field>
        <Field label={t('transactions.memo')} error={f.errors.memo} wide><input {...f.bind('memo')} /></Field>
        <FormActions onCancel={onClose} submitLabel={tc('actions.save')} busy={create.isPending} />
      </form>
    </Modal>
  );
}
