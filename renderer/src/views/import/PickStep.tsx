import { oneOf } from '../../components/choice';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Progress } from '../../../../core/contract';
import { ENCODINGS, IMPORT_FORMATS, type ImportFormat } from '../../../../core/import/formats';
import { uploadFile } from '../../api/client';
import { Field, FormError } from '../../components/Form';
import { ProgressBar } from '../../components/Misc';
import type { Preview, Staged } from './types';
import { useClient } from '../../api/hooks';
import { errorText } from '../../i18n/errors';

export interface Picked {
  staged: Staged;
  preview: Preview;
  /** The encoding the user forced, if any. */
  encoding?: string;
}

/** Uploads the chosen file to the core's staging area and asks the core what it is. */
export function PickStep({ caseId, onPicked, onCancel }: { caseId: string; onPicked: (p: Picked) => void; onCancel: () => void }) {
  const client = useClient();
  const { t } = useTranslation('import');
  const { t: tc } = useTranslation();
  const [file, setFile] = useState<File>();
  const [format, setFormat] = useState<ImportFormat>();
  const [encoding, setEncoding] = useState('');
  const [progress, setProgress] = useState<Progress>();
  const [error, setError] = useState<string>();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!file) return setError(t('pick.required'));
    setError(undefined);
    try {
      setProgress({ phase: t('pick.uploading'), done: 0, bytesDone: 0, bytesTotal: file.size });
      const staged = await uploadFile(file, (sent, total) => setProgress({ phase: t('pick.uploading'), done: sent, bytesDone: sent, bytesTotal: total }));
      const preview = await client['imports.preview']({ caseId, file: { staged: staged.staged }, format, encoding: encoding || undefined });
      onPicked({ staged, preview, encoding: encoding || undefined });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setProgress(undefined);
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormError message={error} />
      <Field label={t('pick.file')} hint={t('pick.fileHint')} wide>
        <input type="file" data-testid="import-file" accept=".csv,.txt,.tsv,.ofx,.qfx,.xml,.sta,.940,.mt940" onChange={(e) => setFile(e.target.files?.[0])} />
      </Field>
      <Field label={t('pick.format')}>
        <select value={format ?? ''} onChange={(e) => setFormat(oneOf(IMPORT_FORMATS, e.target.value))} name="format">
          <option value="">{t('pick.auto')}</option>
          {IMPORT_FORMATS.map((f) => <option key={f} value={f}>{t(`formats.${f}`)}</option>)}
        </select>
      </Field>
      <Field label={t('pick.encoding')}>
        <select value={encoding} onChange={(e) => setEncoding(e.target.value)} name="encoding">
          <option value="">{t('pick.auto')}</option>
          {ENCODINGS.map((x) => <option key={x} value={x}>{x}</option>)}
        </select>
      </Field>
      {progress && <div className="field--wide"><ProgressBar progress={progress} /></div>}
      <div className="form__actions">
        <button type="button" className="button" onClick={onCancel}>{tc('actions.cancel')}</button>
        <button type="submit" className="button button--primary" data-testid="import-next" disabled={Boolean(progress)}>{t('pick.next')}</button>
      </div>
    </form>
  );
}
