import { CASE_STATUSES, type CaseStatus } from '../../../../core/cases/kinds';
import { oneOf } from '../../components/choice';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation, useReadOnly } from '../../api/hooks';
import { Field, FormError, type FieldErrors } from '../../components/Form';
import { submitErrors } from '../../components/submit';
import { ErrorBanner } from '../../components/Misc';
import { formatCount } from '../../i18n/format';
import { useNav } from '../../nav';
import type { TabProps } from '../case/tabs';
import { ParticipantsPanel } from './ParticipantsPanel';

export function OverviewTab({ caseId }: TabProps) {
  const { t } = useTranslation('case');
  const { t: tc } = useTranslation();
  const { go } = useNav();
  const theCase = useApi('cases.get', { id: caseId });
  const list = useApi('cases.list', {});
  // Under review the case is the sender's: shown, never editable.
  const readOnly = useReadOnly();
  const update = useApiMutation('cases.update');
  const del = useApiMutation('cases.delete');
  const [form, setForm] = useState<{ title: string; status: CaseStatus; summary: string }>({ title: '', status: 'open', summary: '' });
  // What the form was filled from, with its version: a live refresh replaces the form only while it
  // holds no unsaved edit; otherwise the edit keeps the old version and a save is refused as stale.
  const [base, setBase] = useState<{ title: string; status: CaseStatus; summary: string; updatedAt: string | null }>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const dirty = base !== undefined && (form.title !== base.title || form.status !== base.status || form.summary !== base.summary);
  useEffect(() => {
    if (!theCase.data || dirty) return;
    const { title, status, summary, updatedAt } = theCase.data;
    setForm({ title, status, summary });
    setBase({ title, status, summary, updatedAt });
  }, [theCase.data]);
  const stats = list.data?.find((c) => c.id === caseId);
  const c = theCase.data;
  if (!c) return <ErrorBanner error={theCase.error} />;

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    setSaved(false);
    update.mutate({ id: caseId, ...form, ifUnchangedSince: base?.updatedAt ?? null }, {
      onSuccess: (after) => { setErrors({}); setFormError(undefined); setSaved(true); setBase({ ...form, updatedAt: after.updatedAt }); },
      onError: (err) => submitErrors(err, setErrors, setFormError),
    });
  };

  return (
    <div className="overview">
      <div className="stat-cards">
        {(['subjects', 'accounts', 'transactions', 'assets'] as const).map((k) => (
          <div key={k} className="stat-card">
            <div className="stat-card__value">{formatCount(stats?.[k] ?? 0)}</div>
            <div className="stat-card__label">{t(`overview.${k}`)}</div>
          </div>
        ))}
      </div>
      <div className="two-columns">
        <form className="panel form" onSubmit={save} noValidate>
          <h2>{t('overview.details')}</h2>
          <FormError message={formError ?? errors.ifUnchangedSince} />
          {errors.ifUnchangedSince && (
            <button type="button" className="button" onClick={() => { const { title, status, summary, updatedAt } = c; setForm({ title, status, summary }); setBase({ title, status, summary, updatedAt }); setErrors({}); }}>
              {t('overview.loadSaved')}
            </button>
          )}
          <Field label={t('overview.caseTitle')} error={errors.title}>
            <input name="title" value={form.title} readOnly={readOnly} onChange={(e) => setForm({ ...form, title: e.target.value })} />
          </Field>
          <Field label={t('overview.status')} error={errors.status}>
            <select name="status" value={form.status} disabled={readOnly} onChange={(e) => setForm({ ...form, status: oneOf(CASE_STATUSES, e.target.value) ?? form.status })}>
              {CASE_STATUSES.map((s) => <option key={s} value={s}>{tc(`status.${s}`)}</option>)}
            </select>
          </Field>
          <Field label={t('overview.summary')} error={errors.summary} wide>
            <textarea name="summary" rows={5} value={form.summary} readOnly={readOnly} onChange={(e) => setForm({ ...form, summary: e.target.value })} />
          </Field>
          {!readOnly && <div className="form__actions">
            {saved && <span className="muted">{t('overview.saved')}</span>}
            {c.status === 'draft' && (
              <button type="button" className="button button--danger" onClick={() => window.confirm(t('overview.confirmDelete')) && del.mutate({ id: caseId }, { onSuccess: () => go({ view: 'cases' }) })}>
                {t('overview.deleteDraft')}
              </button>
            )}
            <button type="submit" className="button button--primary" disabled={update.isPending}>{tc('actions.save')}</button>
          </div>}
        </form>
        <ParticipantsPanel caseId={caseId} participants={c.participants} />
      </div>
    </div>
  );
}
