import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/hooks';
import { Field } from '../../components/Form';

export interface Scope {
  subjectIds?: string[];
  accountIds?: string[];
  assetIds?: string[];
  from?: string;
  to?: string;
}

const chosen = (e: React.ChangeEvent<HTMLSelectElement>) => {
  const ids = [...e.target.selectedOptions].map((o) => o.value);
  return ids.length ? ids : undefined;
};

/** Which subjects, accounts, assets and dates go into a partial bundle. */
export function ScopePicker({ caseId, scope, onChange, errors }: { caseId: string; scope: Scope; onChange: (s: Scope) => void; errors: Record<string, string> }) {
  const { t } = useTranslation('bundles');
  const subjects = useApi('subjects.list', { caseId });
  const accounts = useApi('accounts.list', { caseId });
  const assets = useApi('assets.list', { caseId });
  const assetRows = (assets.data ?? []) as unknown as { id: string; description: string }[];
  return (
    <div className="bundle-scope__grid">
      <Field label={t('export.subjects')}>
        <select multiple size={5} name="scopeSubjects" onChange={(e) => onChange({ ...scope, subjectIds: chosen(e) })}>
          {subjects.data?.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </Field>
      <Field label={t('export.accounts')}>
        <select multiple size={5} name="scopeAccounts" onChange={(e) => onChange({ ...scope, accountIds: chosen(e) })}>
          {accounts.data?.map((a) => <option key={a.id} value={a.id}>{a.identifier}{a.holderName ? ` · ${a.holderName}` : ''}</option>)}
        </select>
      </Field>
      <Field label={t('export.assets')}>
        <select multiple size={5} name="scopeAssets" onChange={(e) => onChange({ ...scope, assetIds: chosen(e) })}>
          {assetRows.map((a) => <option key={a.id} value={a.id}>{a.description}</option>)}
        </select>
      </Field>
      <div className="stack">
        <Field label={t('export.from')} error={errors['scope.from']}><input type="date" name="scopeFrom" value={scope.from ?? ''} onChange={(e) => onChange({ ...scope, from: e.target.value || undefined })} /></Field>
        <Field label={t('export.to')} error={errors['scope.to']}><input type="date" name="scopeTo" value={scope.to ?? ''} onChange={(e) => onChange({ ...scope, to: e.target.value || undefined })} /></Field>
      </div>
      <p className="muted bundle-scope__hint">{t('export.selectionHint')}</p>
    </div>
  );
}
