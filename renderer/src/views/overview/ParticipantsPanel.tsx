import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation, useReadOnly } from '../../api/hooks';
import { Field, FormError, type FieldErrors } from '../../components/Form';
import { submitErrors } from '../../components/submit';

interface Participant { id: string; agencyId: string; role: string; hours: number; name: string; code: string }

/** Participating agencies and their hours: the basis of equitable sharing. */
export function ParticipantsPanel({ caseId, participants }: { caseId: string; participants: Participant[] }) {
  const { t } = useTranslation('case');
  const { t: tc } = useTranslation();
  const agencies = useApi('agencies.list', {});
  const readOnly = useReadOnly();
  const add = useApiMutation('participants.add');
  const update = useApiMutation('participants.update');
  const createAgency = useApiMutation('agencies.create');
  const [agencyId, setAgencyId] = useState('');
  const [hours, setHours] = useState('0');
  const [newAgency, setNewAgency] = useState<{ name: string; code: string; jurisdiction: string } | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const onError = (err: Error) => submitErrors(err, setErrors, setFormError);
  const done = () => { setErrors({}); setFormError(undefined); };
  const available = agencies.data?.filter((a) => !participants.some((p) => p.agencyId === a.id)) ?? [];

  const submitParticipant = (e: React.FormEvent) => {
    e.preventDefault();
    if (!/^\d+$/.test(hours.trim())) return setErrors({ hours: 'hours must be whole hours' });
    add.mutate({ caseId, agencyId, hours: Number(hours), role: 'participant' }, { onSuccess: () => { done(); setAgencyId(''); setHours('0'); }, onError });
  };
  const submitAgency = (e: React.FormEvent) => {
    e.preventDefault();
    if (newAgency) createAgency.mutate(newAgency, { onSuccess: (a) => { done(); setNewAgency(null); setAgencyId(a.id); }, onError });
  };

  return (
    <div className="panel">
      <h2>{t('overview.participants')}</h2>
      <table className="table" data-testid="participants">
        <thead><tr><th>{t('overview.agency')}</th><th>{t('overview.code')}</th><th>{t('overview.role')}</th><th className="num">{t('overview.hours')}</th></tr></thead>
        <tbody>
          {participants.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td className="mono">{p.code}</td>
              <td>{p.role}</td>
              <td className="num">
                {readOnly ? p.hours : <input className="input--inline num" type="number" min={0} defaultValue={p.hours} aria-label={`${t('overview.hours')} ${p.name}`}
                  onBlur={(e) => Number(e.target.value) !== p.hours && update.mutate({ id: p.id, hours: Number(e.target.value) }, { onError })} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FormError message={formError} />
      {readOnly ? null : newAgency ? (
        <form className="form form--inline" onSubmit={submitAgency} noValidate>
          <Field label={t('overview.agencyName')} error={errors.name}><input name="agencyName" value={newAgency.name} onChange={(e) => setNewAgency({ ...newAgency, name: e.target.value })} /></Field>
          <Field label={t('overview.agencyCode')} error={errors.code}><input name="agencyCode" value={newAgency.code} onChange={(e) => setNewAgency({ ...newAgency, code: e.target.value })} /></Field>
          <Field label={t('overview.jurisdiction')} error={errors.jurisdiction}><input name="jurisdiction" value={newAgency.jurisdiction} onChange={(e) => setNewAgency({ ...newAgency, jurisdiction: e.target.value })} /></Field>
          <div className="form__actions">
            <button type="button" className="button" onClick={() => setNewAgency(null)}>{tc('actions.cancel')}</button>
            <button type="submit" className="button button--primary">{tc('actions.create')}</button>
          </div>
        </form>
      ) : (
        <form className="form form--inline" onSubmit={submitParticipant} noValidate>
          <Field label={t('overview.agency')} error={errors.agencyId}>
            <select name="agencyId" value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
              <option value="">—</option>
              {available.map((a) => <option key={a.id} value={a.id}>{a.name} ({a.code})</option>)}
            </select>
          </Field>
          <Field label={t('overview.hours')} error={errors.hours}><input name="hours" inputMode="numeric" value={hours} onChange={(e) => setHours(e.target.value)} /></Field>
          <div className="form__actions">
            <button type="button" className="button" onClick={() => setNewAgency({ name: '', code: '', jurisdiction: '' })}>{t('overview.newAgency')}</button>
            <button type="submit" className="button button--primary" disabled={!agencyId}>{t('overview.addParticipant')}</button>
          </div>
        </form>
      )}
    </div>
  );
}
