import { useTranslation } from 'react-i18next';
import { SubjectCreate } from '../../../../core/accounts/schemas';
import { useApiMutation } from '../../api/hooks';
import { Modal } from '../../components/Modal';
import { Field, FormError, FormActions } from '../../components/Form';
import { useForm } from '../../components/useForm';
import { DateInput } from '../../components/LocaleInputs';

export function SubjectDialog({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t } = useTranslation('case');
  const { t: tc } = useTranslation();
  const create = useApiMutation('subjects.create');
  const f = useForm({ kind: 'person', name: '', aliases: '', bornOn: '', country: '', notes: '' });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = f.values;
    const input = { caseId, kind: v.kind, name: v.name, aliases: v.aliases.split(',').map((s) => s.trim()).filter(Boolean), bornOn: v.bornOn || undefined, country: v.country, notes: v.notes };
    const parsed = f.parse(SubjectCreate, input);
    if (!parsed) return;
    create.mutate(parsed, { onSuccess: onClose, onError: f.fail });
  };
  return (
    <Modal title={t('subjects.add')} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <FormError message={f.formError} />
        <Field label={t('subjects.kind')} error={f.errors.kind}>
          <select {...f.bind('kind')}><option value="person">{t('subjects.person')}</option><option value="organisation">{t('subjects.organisation')}</option></select>
        </Field>
        <Field label={t('subjects.name')} error={f.errors.name}><input {...f.bind('name')} data-autofocus /></Field>
        <Field label={t('subjects.aliases')} error={f.errors.aliases}><input {...f.bind('aliases')} /></Field>
        <Field label={t('subjects.bornOn')} error={f.errors.bornOn} ><DateInput {...f.bind('bornOn')} /></Field>
        <Field label={t('subjects.country')} error={f.errors.country}><input {...f.bind('country')} /></Field>
        <Field label={t('subjects.notes')} error={f.errors.notes} wide><textarea rows={3} {...f.bind('notes')} /></Field>
        <FormActions onCancel={onClose} submitLabel={tc('actions.add')} busy={create.isPending} />
      </form>
    </Modal>
  );
}
