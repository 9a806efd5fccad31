import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Progress } from '../../../../core/contract';
import { client, downloadOutput } from '../../api/client';
import { useApi } from '../../api/hooks';
import { Field, FormError } from '../../components/Form';
import { useForm } from '../../components/useForm';
import { ProgressBar } from '../../components/Misc';
import { formatBytes } from '../exhibits/bytes';
import { KeyCreateForm, pubFileName } from './KeysPanel';
import { ScopePicker, type Scope } from './ScopePicker';
import { formatCount } from '../../i18n/format';

interface Exported { bundleId: string; outputId: string | null; name: string; minisigName: string; size: number; recordCounts: Record<string, number>; exhibits: { files: number } }

/** Export a case (whole, or a selection) as a signed bundle, with progress; then download the zip and its .minisig. */
export function ExportPanel({ caseId: fixedCase }: { caseId?: string }) {
  const { t } = useTranslation('bundles');
  const qc = useQueryClient();
  const cases = useApi('cases.list', {}, { enabled: !fixedCase });
  const keys = useApi('keys.list', {});
  const f = useForm({ caseId: fixedCase ?? '', recipients: '', keyId: '', passphrase: '' }, { guard: false });
  // Sealed to the recipients unless the user explicitly asks for a plain zip.
  const [unencrypted, setUnencrypted] = useState(false);
  const [scope, setScope] = useState<Scope>({});
  const [whole, setWhole] = useState(true);
  const [progress, setProgress] = useState<Progress>();
  const [done, setDone] = useState<Exported>();
  const key = keys.data?.find((k) => k.id === f.values.keyId) ?? keys.data?.[0];
  useEffect(() => {
    if (key && !f.values.keyId) f.set('keyId', key.id);
    // Deliberately not every dependency: runs when the values named below change, not on each render.
  }, [key?.id]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setDone(undefined);
    const input = {
      caseId: f.values.caseId,
      recipients: f.values.recipients.split(',').map((s) => s.trim()).filter(Boolean),
      scope: whole ? {} : scope,
      keyId: key?.id,
      passphrase: key?.protection === 'passphrase' ? f.values.passphrase : undefined,
      unencrypted,
    };
    setProgress({ phase: t('export.exporting'), done: 0 });
    try {
      const r = await client['bundles.export'](input, { onProgress: (p) => setProgress({ ...p, phase: `${t('export.exporting')} · ${p.phase}` }) });
      setDone(r);
      await qc.invalidateQueries();
    } catch (err) {
      f.fail(err);
    } finally {
      setProgress(undefined);
    }
  };

  if (keys.data && keys.data.length === 0) return <KeyCreateForm onCreated={(id) => f.set('keyId', id)} />;
  const records = done ? Object.values(done.recordCounts).reduce((a, b) => a + b, 0) : 0;
  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="export-form">
      <h2>{fixedCase ? t('tab.title') : t('sections.export')}</h2>
      <FormError message={f.formError} />
      {!fixedCase && (
        <Field label={t('export.case')} error={f.errors.caseId}>
          <select {...f.bind('caseId')}>
            <option value="">{t('export.chooseCase')}</option>
            {cases.data?.map((c) => <option key={c.id} value={c.id}>{c.number} · {c.title}</option>)}
          </select>
        </Field>
      )}
      <Field label={t('export.recipients')} error={f.errors.recipients ?? f.errors['recipients.0']}><input {...f.bind('recipients')} /></Field>
      <label className="field--wide" data-testid="export-unencrypted"><input type="checkbox" checked={unencrypted} onChange={(e) => setUnencrypted(e.target.checked)} /> {t('export.unencrypted')}</label>
      <Field label={t('export.key')} error={f.errors.keyId}>
        <select {...f.bind('keyId')}>
          {keys.data?.map((k) => <option key={k.id} value={k.id}>{k.agencyName} · {k.fingerprint.slice(0, 19)}…</option>)}
        </select>
      </Field>
      {key?.protection === 'passphrase' && (
        <Field label={t('export.passphrase')} error={f.errors.passphrase}><input type="password" autoComplete="current-password" {...f.bind('passphrase')} /></Field>
      )}
      <fieldset className="field--wide bundle-scope">
        <legend className="field__label">{t('export.what')}</legend>
        <label className="checkbox"><input type="radio" name="scope" checked={whole} onChange={() => setWhole(true)} /> {t('export.whole')}</label>
        <label className="checkbox"><input type="radio" name="scope" checked={!whole} onChange={() => setWhole(false)} /> {t('export.selection')}</label>
        {!whole && f.values.caseId && <ScopePicker caseId={f.values.caseId} scope={scope} onChange={setScope} errors={f.errors} />}
      </fieldset>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={progress !== undefined}>{t('export.submit')}</button>
      </div>
      {progress && <div className="field--wide"><ProgressBar progress={progress} /></div>}
      {done && done.outputId && (
        <div className="field--wide banner banner--ok" data-testid="export-done">
          <p>{t('export.done', { id: done.bundleId, size: formatBytes(done.size), records: formatCount(records), files: done.exhibits.files })}</p>
          <div className="page__actions">
            <button type="button" className="button" onClick={() => downloadOutput(done.outputId!, done.name)}>{t('export.download', { name: done.name })}</button>
            <button type="button" className="button" onClick={() => downloadOutput(done.outputId!, done.minisigName)}>{t('export.downloadSig', { name: done.minisigName })}</button>
          </div>
          <p className="muted">{t('export.sendBoth', { name: done.name, pub: pubFileName(key?.agencyName ?? 'agency') })}</p>
        </div>
      )}
    </form>
  );
}
