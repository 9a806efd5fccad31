import { useTranslation } from 'react-i18next';
import { ASSET_TYPES } from '../../../../core/assets/kinds';
import { AssetCreate } from '../../../../core/assets/schemas';
import { useApi, useApiMutation } from '../../api/hooks';
import { Modal } from '../../components/Modal';
import { Field, FormError, FormActions } from '../../components/Form';
import { useForm } from '../../components/useForm';
import { DETAIL_FIELDS, detailsFrom } from './detailFields';
import { AmountInput, DateInput } from '../../components/LocaleInputs';

const DETAIL_KEYS = [...new Set(Object.values(DETAIL_FIELDS).flat())];

/** Records a seizure: the common facts, the type's own details, and the value as seized. */
export function AssetDialog({ caseId, onClose, onSaved }: { caseId: string; onClose: () => void; onSaved: (id: string) => void }) {
  const { t } = useTranslation('assets');
  const agencies = useApi('agencies.list', {});
  const create = useApiMutation('assets.create');
  const f = useForm<Record<string, string>>({
    type: 'vehicle', description: '', seizedOn: new Date().toISOString().slice(0, 10), seizedPlace: '', legalAuthority: '', seizingAgencyId: '',
    currency: 'USD', valueSeized: '', valueAppraised: '', appraisedOn: '', appraiser: '',
    ...Object.fromEntries(DETAIL_KEYS.map((k) => [`details.${k}`, ''])),
  });
  const v = f.values;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const optional = (s: string) => (s.trim() ? s : undefined);
    const input = {
      caseId, type: v.type, description: v.description, seizedOn: v.seizedOn, seizedPlace: v.seizedPlace, legalAuthority: v.legalAuthority,
      seizingAgencyId: optional(v.seizingAgencyId), currency: v.currency, valueSeized: v.valueSeized,
      valueAppraised: optional(v.valueAppraised), appraisedOn: optional(v.appraisedOn), appraiser: optional(v.appraiser),
      details: detailsFrom(v.type, v),
    };
    const parsed = f.parse(AssetCreate, input);
    if (!parsed) return;
    create.mutate(parsed, { onSuccess: (a) => { f.saved(); onSaved(a.id); onClose(); }, onError: f.fail });
  };
  return (
    <Modal title={t('seize')} onClose={onClose} wide>
      <form className="form form--three" onSubmit={submit} noValidate>
        <FormError message={f.formError} />
        <Field label={t('fields.type')} error={f.errors.type}>
          <select {...f.bind('type')}>{ASSET_TYPES.map((x) => <option key={x} value={x}>{t(`types.${x}`)}</option>)}</select>
        </Field>
        <Field label={t('fields.description')} error={f.errors.description} wide><input {...f.bind('description')} data-autofocus /></Field>
        <Field label={t('fields.seizedOn')} error={f.errors.seizedOn} ><DateInput {...f.bind('seizedOn')} /></Field>
        <Field label={t('fields.seizedPlace')} error={f.errors.seizedPlace}><input {...f.bind('seizedPlace')} /></Field>
        <Field label={t('fields.legalAuthority')} error={f.errors.legalAuthority}><input {...f.bind('legalAuthority')} /></Field>
        <Field label={t('fields.seizingAgency')} error={f.errors.seizingAgencyId}>
          <select {...f.bind('seizingAgencyId')}><option value="">{t('none')}</option>{agencies.data?.map((a) => <option key={a.id} value={a.id}>{a.name} ({a.code})</option>)}</select>
        </Field>
        <h3 className="form__section">{t('details.title')}</h3>
        {DETAIL_FIELDS[v.type].map((k) => (
          <Field key={k} label={t(`details.${k}`)} error={f.errors[`details.${k}`] ?? (k === 'denominations' ? f.errors['details.denominations.0.denomination'] : undefined)} wide={k === 'denominations' || k === 'address'}>
            <input {...f.bind(`details.${k}`)} />
          </Field>
        ))}
        <h3 className="form__section">{t('values')}</h3>
        <Field label={t('fields.currency')} error={f.errors.currency}><input {...f.bind('currency')} maxLength={4} /></Field>
        <Field label={t('fields.valueSeized')} error={f.errors.valueSeized} ><AmountInput {...f.bind('valueSeized')} currency={v.currency} /></Field>
        <Field label={t('fields.valueAppraised')} error={f.errors.valueAppraised}><AmountInput {...f.bind('valueAppraised')} currency={v.currency} /></Field>
        <Field label={t('fields.appraisedOn')} error={f.errors.appraisedOn}><DateInput {...f.bind('appraisedOn')} /></Field>
        <Field label={t('fields.appraiser')} error={f.errors.appraiser}><input {...f.bind('appraiser')} /></Field>
        <FormActions onCancel={onClose} submitLabel={t('seize')} busy={create.isPending} />
      </form>
    </Modal>
  );
}
