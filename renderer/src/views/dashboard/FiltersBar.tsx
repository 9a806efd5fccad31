import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { DashboardFilters } from '../../../../core/dashboard/schemas';
import { ASSET_TYPES } from '../../../../core/assets/kinds';
import { useApi } from '../../api/hooks';
import { Field } from '../../components/Form';
import { STATUS_ORDER } from './colors';

/** The contract's own filter shape, with the date basis always set. */
export type Filters = Omit<z.input<typeof DashboardFilters>, 'dateBasis'> & { dateBasis: 'seized' | 'status' };

function toggle<T extends string>(list: T[] | undefined, v: string): T[] | undefined {
  const next = list?.includes(v as T) ? list.filter((x) => x !== v) : [...(list ?? []), v as T];
  return next.length ? next : undefined;
}

/** Every filter of the dashboard; each change re-asks the core, which answers from one aggregate. */
export function FiltersBar({ value, onChange, currencies, errors }: { value: Filters; onChange: (f: Filters) => void; currencies: string[]; errors: Record<string, string> }) {
  const { t } = useTranslation('dashboard');
  const { t: ta } = useTranslation('assets');
  const agencies = useApi('agencies.list', {});
  const cases = useApi('cases.list', {});
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  return (
    <section className="panel" data-testid="dashboard-filters">
      <div className="dash-filters">
        {/* Two filters, so "seized by" never silently includes what partner agencies seized in a shared case. */}
        <Field label={t('filters.seizedBy')}>
          <select name="seizedBy" value={value.seizingAgencyId ?? ''} onChange={(e) => set({ seizingAgencyId: e.target.value || undefined })}>
            <option value="">{t('filters.all')}</option>
            {agencies.data?.map((a) => <option key={a.id} value={a.id}>{a.name} ({a.code})</option>)}
          </select>
        </Field>
        <Field label={t('filters.participant')}>
          <select name="participant" value={value.participantAgencyId ?? ''} onChange={(e) => set({ participantAgencyId: e.target.value || undefined })}>
            <option value="">{t('filters.all')}</option>
            {agencies.data?.map((a) => <option key={a.id} value={a.id}>{a.name} ({a.code})</option>)}
          </select>
        </Field>
        <Field label={t('filters.case')}>
          <select name="case" value={value.caseId ?? ''} onChange={(e) => set({ caseId: e.target.value || undefined })}>
            <option value="">{t('filters.all')}</option>
            {cases.data?.map((c) => <option key={c.id} value={c.id}>{c.number} · {c.title}</option>)}
          </select>
        </Field>
        <Field label={t('filters.from')} error={errors['filters.from']}><input name="from" placeholder={t('common:date.patterns.ymd')} value={value.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} /></Field>
        <Field label={t('filters.to')} error={errors['filters.to']}><input name="to" placeholder={t('common:date.patterns.ymd')} value={value.to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} /></Field>
        <Field label={t('filters.dateBasis')}>
          <select name="dateBasis" value={value.dateBasis} onChange={(e) => set({ dateBasis: e.target.value as Filters['dateBasis'] })}>
            <option value="seized">{t('filters.seized')}</option>
            <option value="status">{t('filters.status_on')}</option>
          </select>
        </Field>
        <button className="button" onClick={() => onChange({ dateBasis: 'seized' })}>{t('filters.clear')}</button>
      </div>
      <div className="dash-filters">
        <Chips label={t('filters.status')} all={[...STATUS_ORDER]} on={value.statuses} name={(s) => ta(`statuses.${s}`)} onToggle={(s) => set({ statuses: toggle(value.statuses, s) })} />
        <Chips label={t('filters.type')} all={[...ASSET_TYPES]} on={value.types} name={(s) => ta(`types.${s}`)} onToggle={(s) => set({ types: toggle(value.types, s) })} />
        <Chips label={t('filters.currency')} all={currencies} on={value.currencies} name={(s) => s} onToggle={(s) => set({ currencies: toggle(value.currencies, s) })} />
      </div>
    </section>
  );
}

function Chips({ label, all, on, name, onToggle }: { label: string; all: string[]; on?: string[]; name: (s: string) => string; onToggle: (s: string) => void }) {
  return (
    <div className="field">
      <span className="field__label">{label}</span>
      <div className="chips" role="group" aria-label={label}>
        {all.map((s) => (
          <button key={s} type="button" className={`chip${on?.includes(s) ? ' is-on' : ''}`} aria-pressed={Boolean(on?.includes(s))} onClick={() => onToggle(s)}>{name(s)}</button>
        ))}
      </div>
    </div>
  );
}
