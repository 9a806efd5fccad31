import { useTranslation } from 'react-i18next';
import { WorksheetSave } from '../../../../core/sharing/worksheet-schemas';
import type { WorksheetLine } from '../../../../core/sharing/worksheet';
import { useApiMutation } from '../../api/hooks';
import { Modal } from '../../components/Modal';
import { Field, FormActions, FormError } from '../../components/Form';
import { useForm } from '../../components/useForm';
import { DateInput } from '../../components/LocaleInputs';

/** "30" or "12.5" percent as basis points; empty is "not stated"; anything else stays NaN for the schema to name. */
const toBps = (text: string) => (text.trim() === '' ? null : Math.round(Number(text.trim().replace(',', '.')) * 100));
const toHours = (text: string) => (text.trim() === '' ? 0 : Number(text.trim()));

/** One agency's DAG-71 factors. Every wrong field is shown at once; a save over someone else's is refused with both versions. */
export function WorksheetDialog({ caseId, line, onClose }: { caseId: string; line: WorksheetLine; onClose: () => void }) {
  const { t } = useTranslation('sharing');
  const save = useApiMutation('sharing.worksheetSave');
  const f = useForm({
    workHours: String(line.workHours), originatedInformation: line.originatedInformation, uniqueAssistance: line.uniqueAssistance,
    foreignAssistance: line.foreignAssistance, other: line.other, requestedShare: line.requestedShareBps === null ? '' : String(line.requestedShareBps / 100),
    submittedOn: line.submittedOn ?? '',
  });
  const v = f.values;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const input = {
      caseId, agencyId: line.agencyId, workHours: toHours(v.workHours), originatedInformation: v.originatedInformation,
      uniqueAssistance: v.uniqueAssistance, foreignAssistance: v.foreignAssistance, other: v.other,
      requestedShareBps: toBps(v.requestedShare), submittedOn: (v.submittedOn) || null,
      // The version this form was opened on: a save made meanwhile (another window, the CLI) refuses this one.
      ifUnchangedSince: line.updatedAt,
    };
    const parsed = f.parse(WorksheetSave, input);
    if (parsed) save.mutate(parsed, { onSuccess: onClose, onError: f.fail });
  };
  const text = (k: 'uniqueAssistance' | 'foreignAssistance' | 'other') => (
    <Field label={t(`factors.${k}`)} error={f.errors[k]} hint={t(`hints.${k}`)} wide>
      <textarea rows={2} {...f.bind(k)} />
    </Field>
  );
  return (
    <Modal title={t('dialog.title', { agency: `${line.name} (${line.code})` })} onClose={onClose} wide>
      <form className="form" onSubmit={submit} noValidate data-testid="worksheet-dialog">
        <FormError message={f.formError ?? f.errors.ifUnchangedSince ?? f.errors.agencyId} />
        <Field label={t('factors.workHours')} error={f.errors.workHours}><input inputMode="numeric" {...f.bind('workHours')} /></Field>
        <label className="checkbox field--wide">
          <input type="checkbox" name="originatedInformation" checked={v.originatedInformation} onChange={(e) => f.set('originatedInformation', e.target.checked)} /> {t('factors.originatedInformation')}
        </label>
        {text('uniqueAssistance')}
        {text('foreignAssistance')}
        {text('other')}
        <Field label={t('factors.requestedShare')} error={f.errors.requestedShareBps} hint={t('hints.requestedShare')}><input inputMode="decimal" {...f.bind('requestedShare')} /></Field>
        <Field label={t('factors.submittedOn')} error={f.errors.submittedOn} hint={t('hints.submittedOn')}><DateInput {...f.bind('submittedOn')} /></Field>
        <FormActions onCancel={onClose} submitLabel={t('dialog.submit')} busy={save.isPending} />
      </form>
    </Modal>
  );
}
