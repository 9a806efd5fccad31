import type { ExhibitTarget } from '../../../../core/exhibits/kinds';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Progress } from '../../../../core/contract';
import { isDesktop, uploadFile } from '../../api/client';
import { useClient } from '../../api/hooks';
import { Field, FormError } from '../../components/Form';
import { ProgressBar } from '../../components/Misc';
import { submitErrors } from '../../components/submit';

interface Target { kind: ExhibitTarget; id?: string }

/** Uploads a file to the core's staging area, then has the core hash and store it as an exhibit. */
export function AttachForm({ caseId, target, onDone }: { caseId: string; target: Target; onDone: (storedOnce: boolean) => void }) {
  const client = useClient();
  const { t } = useTranslation('exhibits');
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File>();
  // The desktop app picks and stages the file in the main process; the browser uploads it to the bridge.
  const [picked, setPicked] = useState<{ staged: string; name: string; size: number } | null>(null);
  const [description, setDescription] = useState('');
  const [progress, setProgress] = useState<Progress>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const busy = progress !== undefined;
  const upload = (f: File) => {
    setProgress({ phase: t('dialog.uploading'), done: 0, bytesDone: 0, bytesTotal: f.size });
    return uploadFile(f, (sent, total) => setProgress({ phase: t('dialog.uploading'), done: sent, bytesDone: sent, bytesTotal: total }));
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!file && !picked) return setErrors({ file: t('dialog.file') });
    try {
      const staged = picked ?? (await upload(file!));
      const r = await client['exhibits.add'](
        { caseId, file: { staged: staged.staged }, targetKind: target.kind, targetId: target.id, description },
        { onProgress: (p) => setProgress({ ...p, phase: t('dialog.storing') }) },
      );
      await qc.invalidateQueries();
      onDone(r.storedOnce);
    } catch (err) {
      submitErrors(err, setErrors, setFormError);
    } finally {
      setProgress(undefined);
    }
  };
  return (
    <form className="form form--inline" onSubmit={submit} noValidate data-testid="attach-form">
      <FormError message={formError} />
      <Field label={t('dialog.file')} error={errors.file}>
        {isDesktop() && window.proceeds?.pickFile ? (
          <button type="button" className="button" onClick={() => void window.proceeds!.pickFile!().then(setPicked)}>{picked?.name ?? t('dialog.choose')}</button>
        ) : (
          <input type="file" name="exhibitFile" onChange={(e) => setFile(e.target.files?.[0])} />
        )}
      </Field>
      <Field label={t('dialog.description')} error={errors.description}><input name="exhibitDescription" value={description} onChange={(e) => setDescription(e.target.value)} /></Field>
      <div className="form__actions">
        <button type="button" className="button" onClick={() => onDone(false)} disabled={busy}>{tc('actions.cancel')}</button>
        <button type="submit" className="button button--primary" disabled={busy}>{t('dialog.submit')}</button>
      </div>
      {busy && <div className="field--wide"><ProgressBar progress={progress} /></div>}
    </form>
  );
}
