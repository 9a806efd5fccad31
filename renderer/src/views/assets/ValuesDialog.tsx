import { useTranslation } from 'react-i18next';
import { AssetUpdate } from '../../../../core/assets/schemas';
import { formatMinor } from '../../../../core/money';
import { useApiMutation } from '../../api/hooks';
import { Modal } from '../../components/Modal';
import { Field, FormError, FormActions } from '../../components/Form';
import { useForm } from '../../components/useForm';
import { AmountInput, DateInput } from '../../components/LocaleInputs';

interface Values {
  id: string; currency: string; status: string; updatedAt: string | null;
  valueAppraisedMinor: string | null; appraisedOn: string | null; appraiser: string | null;
  valueRealisedMinor: string | null; costsMinor: string; deductionsMinor: string;
}

/**
 * Keeps an asset current after seizure: appraisal (value, date, appraiser), costs, liens and victim
 * claims, and the realised value of a sale. Without it net proceeds and every equitable share stay
 * overstated. Amounts are typed as decimals in the asset's currency and parsed exactly by the core
 * (too many decimals is refused on the field); only changed fields are sent, so each change audits
 * as itself.
 */
export function ValuesDialog({ asset, onClose }: { asset: Values; onClose: () => void }) {
  const { t } = useTranslation('assets');
  const update = useApiMutation('assets.update');
  const plain = (m: string | null) => (m === null ? '' : formatMinor(m, asset.currency));
  const initial = {
    valueAppraised: plain(asset.valueAppraisedMinor), appraisedOn: asset.appraisedOn ?? '', appraiser: asset.appraiser ?? '',
    costs: plain(asset.costsMinor), deductions: plain(asset.deductionsMinor), valueRealised: plain(asset.valueRealisedMinor),
  };
  const f = useForm(initial);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const changed = Object.fromEntries(Object.entries(f.values).filter(([k, v]) => v.trim() !== '' && v !== initial[k as keyof typeof initial]));
    // The version this form was opened on: a change made meanwhile (another window, the CLI) is refused, not overwritten.
    const input = { id: asset.id, ifUnchangedSince: asset.updatedAt, ...changed };
    if (Object.keys(changed).length === 0) return onClose();
    const parsed = f.parse(AssetUpdate, input);
    if (!parsed) return;
    update.mutate(parsed, { onSuccess: onClose, onError: f.fail });
  };
  const money = (k: 'valueAppraised' | 'costs' | 'deductions' | 'valueRealised', hint?: string) => (
    <Field label={`${t(`fields.${k}`)} (${asset.currency})`} error={f.errors[k]} hint={hint}><AmountInput {...f.bind(k)} currency={asset.currency} /></Field>
  );
  return (
    <Modal title={t('editValues.title')} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate data-testid="values-dialog">
        <FormError message={f.formError ?? f.errors.ifUnchangedSince} />
        {money('valueAppraised')}
        <Field label={t('fields.appraisedOn')} error={f.errors.appraisedOn} ><DateInput {...f.bind('appraisedOn')} /></Field>
        <Field label={t('fields.appraiser')} error={f.errors.appraiser}><input {...f.bind('appraiser')} /></Field>
        {money('costs', t('editValues.costsHint'))}
        {money('deductions', t('editValues.deductionsHint'))}
        {asset.status === 'disposed' && money('valueRealised')}
        <FormActions onCancel={onClose} submitLabel={t('editValues.submit')} busy={update.isPending} />
      </form>
    </Modal>
  );
}
