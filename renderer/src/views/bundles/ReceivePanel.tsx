import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Progress } from '../../../../core/contract';
import type { ClaimedSigner, VerifyReport } from '../../../../core/bundle/report';
import { client, uploadFile } from '../../api/client';
import { Field, FormError } from '../../components/Form';
import { ErrorBanner, ProgressBar } from '../../components/Misc';
import { ReportPanel } from './ReportPanel';
import { ImportResult, type ImportOutcome } from './ImportResult';

export interface OpenedReview {
  reviewId: string;
  caseId: string;
  report: VerifyReport;
}

type Staged = { file: { staged: string }; minisig?: { staged: string } };

/** Received bundle: upload, verify (report first), then review read-only or import. */
export function ReceivePanel({ onReview }: { onReview: (r: OpenedReview) => void }) {
  const { t } = useTranslation('bundles');
  const qc = useQueryClient();
  const [zip, setZip] = useState<File>();
  const [sig, setSig] = useState<File>();
  const [staged, setStaged] = useState<Staged>();
  const [report, setReport] = useState<VerifyReport>();
  const [outcome, setOutcome] = useState<ImportOutcome>();
  const [progress, setProgress] = useState<Progress>();
  const [error, setError] = useState<unknown>();
  const [fieldError, setFieldError] = useState<string>();
  const busy = progress !== undefined;
  const [pendingKey, setPendingKey] = useState<{ id: string; agencyName: string; fingerprint: string; fingerprintWords: string }>();
  const [typed, setTyped] = useState('');
  const [acceptOutOfOrder, setAcceptOutOfOrder] = useState(false);

  /** An unknown signer's own key, added pending; trusted only once the typed fingerprint matches, then verified again. */
  const trustSigner = async (claimed: ClaimedSigner) => {
    const k = await run(t('receive.verifying'), () => client['keyring.add']({ publicKey: claimed.publicKey, agencyName: claimed.agencyName }));
    if (k) setPendingKey(k);
  };
  const confirmAndReverify = async (e: React.FormEvent) => {
    e.preventDefault();
    const ok = await run(t('receive.verifying'), () => client['keyring.confirm']({ id: pendingKey!.id, fingerprint: typed }));
    if (!ok) return;
    setPendingKey(undefined);
    setTyped('');
    await qc.invalidateQueries();
    const r = await run(t('receive.verifying'), (onProgress) => client['bundles.verify'](staged!, { onProgress }));
    if (r) setReport(r);
  };

  const run = async <T,>(phase: string, work: (onProgress: (p: Progress) => void) => Promise<T>) => {
    setError(undefined);
    setProgress({ phase, done: 0 });
    try {
      return await work((p) => setProgress({ ...p, phase }));
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setProgress(undefined);
    }
  };

  const verify = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!zip) return setFieldError(t('receive.chooseZip'));
    setFieldError(undefined);
    setReport(undefined);
    setOutcome(undefined);
    const refs = await run(t('receive.uploading'), async (onProgress) => {
      const up = async (f: File) => ({ staged: (await uploadFile(f, (sent, total) => onProgress({ phase: '', done: sent, bytesDone: sent, bytesTotal: total }))).staged });
      return { file: await up(zip), minisig: sig ? await up(sig) : undefined };
    });
    if (!refs) return;
    setStaged(refs);
    const r = await run(t('receive.verifying'), (onProgress) => client['bundles.verify'](refs, { onProgress }));
    if (r) setReport(r);
  };

  const review = async () => {
    const r = await run(t('receive.verifying'), (onProgress) => client['bundles.reviewOpen'](staged!, { onProgress }));
    if (r?.reviewId && r.caseId) onReview({ reviewId: r.reviewId, caseId: r.caseId, report: r.report });
    else if (r) setReport(r.report);
  };

  const doImport = async () => {
    if (!window.confirm(t('receive.confirmImport'))) return;
    const r = await run(t('receive.importing'), (onProgress) => client['bundles.import']({ ...staged!, acceptOutOfOrder }, { onProgress }));
    if (r) {
      setOutcome(r.outcome);
      await qc.invalidateQueries();
    }
  };

  return (
    <div className="stack">
      <form className="panel form" onSubmit={verify} noValidate data-testid="receive-form">
        <h2>{t('sections.receive')}</h2>
        <FormError message={fieldError} />
        <Field label={t('receive.zip')}>
          <input type="file" name="bundleZip" accept=".zip,.age,application/zip" onChange={(e) => { setZip(e.target.files?.[0]); setReport(undefined); }} />
        </Field>
        <Field label={t('receive.minisig')} hint={t('receive.minisigHint')}>
          <input type="file" name="bundleMinisig" accept=".minisig" onChange={(e) => setSig(e.target.files?.[0])} />
        </Field>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>{t('receive.verify')}</button>
        </div>
        {busy && <div className="field--wide"><ProgressBar progress={progress} /></div>}
      </form>
      <ErrorBanner error={error} />
      {report && (
        <section className="panel">
          <ReportPanel report={report} onTrustSigner={report.state === 'unknown-signer' ? (c) => void trustSigner(c) : undefined} />
          {pendingKey && (
            <form className="form" onSubmit={confirmAndReverify} noValidate data-testid="trust-confirm">
              <div className="banner">
                {t('keyring.added', { agency: pendingKey.agencyName })}
                <div className="mono">{pendingKey.fingerprint}</div>
                <div>{t('keyring.words')}: <strong>{pendingKey.fingerprintWords}</strong></div>
              </div>
              <Field label={t('keyring.confirmLabel')} wide><input className="mono" name="fingerprint" value={typed} onChange={(e) => setTyped(e.target.value)} /></Field>
              <div className="form__actions"><button className="button button--primary" type="submit" disabled={busy || !typed.trim()}>{t('keyring.confirm')}</button></div>
            </form>
          )}
          {report.ok && ((report.chain && !report.chain.inOrder) || report.auditLog?.kind === 'shorter') && !outcome && (
            <label className="field--wide"><input type="checkbox" checked={acceptOutOfOrder} onChange={(e) => setAcceptOutOfOrder(e.target.checked)} /> {report.auditLog?.kind === 'shorter' ? report.auditLog.message : report.chain!.message}</label>
          )}
          {report.ok && !outcome && (
            <div className="form__actions">
              <button className="button" onClick={review} disabled={busy}>{t('receive.review')}</button>
              <button className="button button--primary" onClick={doImport} disabled={busy}>{t('receive.import')}</button>
            </div>
          )}
        </section>
      )}
      {outcome && <ImportResult outcome={outcome} caseNumber={report?.bundle?.caseNumber ?? ''} />}
    </div>
  );
}
