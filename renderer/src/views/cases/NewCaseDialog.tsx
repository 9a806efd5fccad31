import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseCreate } from '../../../../core/cases/schemas';
import { useApi, useApiMutation } from '../../api/hooks';
import { Modal } from '../../components/Modal';
import { Field, FormError, issuesToErrors, type FieldErrors, FormActions } from '../../components/Form';
import { submitErrors } from '../../components/submit';

export function NewCaseDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation('cases');
  const { t: tc } = useTranslation();
  const agencies = useApi('agencies.list', {});
  const create = useApiMutation('cases.create');
  const [form, setForm] = useState({ number: '', title: '', status: 'open', leadAgencyId: '', summary: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const input = { ...form, leadAgencyId: form.leadAgencyId || undefined };
    const parsed = CaseCreate.safeParse(input);
    if (!parsed.success) return setErrors(issuesToErrors(parsed.error.issues));
    create.mutate(parsed.data, {
      onSuccess: (c) => { onClose(); onCreated(c.id); },
      onError: (err) => submitErrors(err, setErrors, setFormError),
    });
  };

  return (
    <Modal title={t('form.title')} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <FormError message={formError} />
        <Field label={t('form.number')} error={errors.number}>
          <input name="number" value={form.number} onChange={set('number')} data-autofocus placeholder="TF-2026-001" />
        </Field>
        <Field label={t('form.caseTitle')} error={errors.title}>
          <input name="title" value={form.title} onChange={set('title')} placeholder={t('form.titlePlaceholder')} />
        </Field>
        <Field label={t('form.status')} error={errors.status}>
          <select name="status" value={form.status} onChange={set('status')}>
            {['draft', 'open', 'closed', 'archived'].map((s) => <option key={s} value={s}>{tc(`status.${s}`)}</option>)}
          </select>
        </Field>
        <Field label={t('form.leadAgency')} error={errors.leadAgencyId}>
          <select name="leadAgencyId" value={form.leadAgencyId} onChange={set('leadAgencyId')}>
            <option value="">{t('form.none')}</option>
            {agencies.data?.map((a) => <option key={a.id} value={a.id}>{a.name} ({a.code})</option>)}
          </select>
        </Field>
        <Field label={t('form.summary')} error={errors.summary} wide>
          <textarea name="summary" rows={3} value={form.summary} onChange={set('summary')} />
        </Field>
        <FormActions onCancel={onClose} submitLabel={tc('actions.create')} busy={create.isPending} />
      </form>
    </Modal>
  );
}
