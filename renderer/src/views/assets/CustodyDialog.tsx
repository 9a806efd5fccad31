import { useTranslation } from 'react-i18next';
import { CUSTODY_KINDS } from '../../../../core/custody/kinds';
import { CustodyAdd } from '../../../../core/custody/schemas';
import { useApiMutation } from '../../api/hooks';
import { Modal } from '../../components/Modal';
import { Field, FormError, FormActions } from '../../components/Form';
import { useForm } from '../../components/useForm';

interface Event { id: string; kind: string; occurredAt: string; fromCustodian: string; toCustodian: string; location: string; locker: string; reason: string; witness: string }

const nowLocal = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** Appends a custody event; when correcting, it starts from the event it replaces (or voids it). */
export function CustodyDialog({ assetId, corrects, onClose }: { assetId: string; corrects?: Event; onClose: () => void }) {
  const { t } = useTranslation('assets');
  const add = useApiMutation('custody.add');
  const f = useForm({
    kind: corrects?.kind ?? 'received', occurredAt: corrects?.occurredAt ?? nowLocal(), fromCustodian: corrects?.fromCustodian ?? '', toCustodian: corrects?.toCustodian ?? '',
    location: corrects?.location ?? '', locker: corrects?.locker ?? '', reason: '', witness: corrects?.witness ?? '',
  });
  const kinds = corrects ? CUSTODY_KINDS : CUSTODY_KINDS.filter((k) => k !== 'correction');
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const input = { ...f.values, assetId, correctsEventId: corrects?.id };
    const parsed = f.parse(CustodyAdd, input);
    if (!parsed) return;
    add.mutate(parsed, { onSuccess: onClose, onError: f.fail });
  };
  const field = (k: 'fromCustodian' | 'toCustodian' | 'location' | 'locker' | 'witness') => (
    <Field label={t(`custody.fields.${k}`)} error={f.errors[k]}><input {...f.bind(k)} /></Field>
  );
  return (
    <Modal title={corrects ? `${t('custody.correct')}: ${t(`custody.kinds.${corrects.kind}`)}` : t('custody.add')} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <FormError message={f.formError ?? f.errors.correctsEventId} />
        <Field label={t('custody.fields.kind')} error={f.errors.kind}>
          <select {...f.bind('kind')}>{kinds.map((k) => <option key={k} value={k}>{t(`custody.kinds.${k}`)}</option>)}</select>
        </Field>
        <Field label={t('custody.fields.occurredAt')} error={f.errors.occurredAt} hint={t('common:date.dateTimeHint')}><input {...f.bind('occurredAt')} /></Field>
        {field('fromCustodian')}
        {field('toCustodian')}
        {field('location')}
        {field('locker')}
        <Field label={t('custody.fields.reason')} error={f.errors.reason} wide><input {...f.bind('reason')} /></Field>
        {field('witness')}
        <p className="muted">{t('custody.appendOnly')}</p>
        <FormActions onCancel={onClose} submitLabel={t('custody.submit')} busy={add.isPending} />
      </form>
    </Modal>
  );
}
