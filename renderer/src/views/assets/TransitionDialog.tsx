import { useTranslation } from 'react-i18next';
import { AssetTransition } from '../../../../core/assets/schemas';
import { useApiMutation } from '../../api/hooks';
import { Modal } from '../../components/Modal';
import { Field, FormError, FormActions } from '../../components/Form';
import { useForm } from '../../components/useForm';
import { AmountInput, DateInput } from '../../components/LocaleInputs';

/** One lifecycle step, with the order behind it; the core refuses a step the lifecycle does not allow. */
export function TransitionDialog({ asset, to, onClose }: { asset: { id: string; currency: string }; to: string; onClose: () => void }) {
  const { t } = useTranslation('assets');
  const move = useApiMutation('assets.transition');
  const f = useForm({ occurredOn: new Date().toISOString().slice(0, 10), orderReference: '', returnedTo: 'owner', valueRealised: '', note: '' });
  const name = t(`statuses.${to}`, { defaultValue: t(`dispositions.${to}`) });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const v = f.values;
    const input = {
      assetId: asset.id, to, occurredOn: v.occurredOn, orderReference: v.orderReference, note: v.note,
      returnedTo: to === 'returned' ? v.returnedTo : undefined, valueRealised: to === 'sold' && v.valueRealised ? v.valueRealised : undefined,
    };
    const parsed = f.parse(AssetTransition, input);
    if (!parsed) return;
    move.mutate(parsed, { onSuccess: onClose, onError: f.fail });
  };
  return (
    <Modal title={t('transition.title', { status: name })} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <FormError message={f.formError ?? f.errors.to} />
        <Field label={t('transition.occurredOn')} error={f.errors.occurredOn} ><DateInput {...f.bind('occurredOn')} /></Field>
        <Field label={t('transition.orderReference')} error={f.errors.orderReference}><input {...f.bind('orderReference')} data-autofocus /></Field>
        {to === 'returned' && (
          <Field label={t('transition.returnedTo')} error={f.errors.returnedTo}>
            <select {...f.bind('returnedTo')}><option value="owner">{t('returnedTo.owner')}</option><option value="claimant">{t('returnedTo.claimant')}</option></select>
          </Field>
        )}
        {to === 'sold' && (
          <Field label={`${t('transition.valueRealised')} (${asset.currency})`} error={f.errors.valueRealised}><AmountInput {...f.bind('valueRealised')} currency={asset.currency} /></Field>
        )}
        <Field label={t('transition.note')} error={f.errors.note} wide><input {...f.bind('note')} /></Field>
        <FormActions onCancel={onClose} submitLabel={t('transition.submit')} busy={move.isPending} />
      </form>
    </Modal>
  );
}
