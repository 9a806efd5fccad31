import { useTranslation } from 'react-i18next';
import { AccountCreate } from '../../../../core/accounts/schemas';
import { useApiMutation } from '../../api/hooks';
import { Modal } from '../../components/Modal';
import { Field, FormError, FormActions } from '../../components/Form';
import { useForm } from '../../components/useForm';

export function AccountDialog({ caseId, subjects, onClose }: { caseId: string; subjects: { id: string; name: string }[]; onClose: () => void }) {
  const { t } = useTranslation('case');
  const { t: tc } = useTranslation();
  const create = useApiMutation('accounts.create');
  const f = useForm<{ kind: string; identifier: string; currency: string; holderSubjectId: string; institution: string; external: boolean }>({ kind: 'bank', identifier: '', currency: 'USD', holderSubjectId: '', institution: '', external: false });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = f.values;
    const input = { caseId, kind: v.kind, identifier: v.identifier, currency: v.currency, holderSubjectId: v.holderSubjectId || undefined, institution: v.institution, external: v.external };
    const parsed = f.parse(AccountCreate, input);
    if (!parsed) return;
    create.mutate(parsed, { onSuccess: onClose, onError: f.fail });
  };
  return (
    <Modal title={t('accounts.add')} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <FormError message={f.formError} />
        <Field label={t('accounts.kind')} error={f.errors.kind}>
          <select {...f.bind('kind')}>{['bank', 'crypto', 'cash', 'other'].map((k) => <option key={k} value={k}>{t(`accounts.${k}`)}</option>)}</select>
        </Field>
        <Field label={t('accounts.identifier')} error={f.errors.identifier}><input {...f.bind('identifier')} data-autofocus /></Field>
        <Field label={t('accounts.currency')} error={f.errors.currency} hint={t('accounts.currencyHint')}><input {...f.bind('currency')} maxLength={4} /></Field>
        <Field label={t('accounts.holder')} error={f.errors.holderSubjectId}>
          <select {...f.bind('holderSubjectId')}>
            <option value="">{t('accounts.noHolder')}</option>
            {subjects.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </Field>
        <Field label={t('accounts.institution')} error={f.errors.institution}><input {...f.bind('institution')} /></Field>
        <label className="checkbox"><input type="checkbox" name="external" checked={f.values.external} onChange={(e) => f.set('external', e.target.checked)} /> {t('accounts.external')}</label>
        <FormActions onCancel={onClose} submitLabel={tc('actions.add')} busy={create.isPending} />
      </form>
    </Modal>
  );
}
