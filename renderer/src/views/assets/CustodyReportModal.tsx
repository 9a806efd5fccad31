import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadOutput } from '../../api/client';
import { useApi, useClient } from '../../api/hooks';
import { Modal } from '../../components/Modal';
import { ErrorBanner, Loading } from '../../components/Misc';
import { pickLanguage } from '../../i18n/language';

/** The printable custody page as the core wrote it, printed from here or exported as the PDF. */
export function CustodyReportModal({ assetId, onClose }: { assetId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation('assets');
  // The report is printed in the interface's language (core/custody/report-strings.ts).
  const lang = pickLanguage(i18n.language, []);
  const report = useApi('custody.report', { assetId, format: 'html', lang }, { gcTime: 0, staleTime: 0 });
  // Under bundle review this reads from the bundle, not the local database.
  const client = useClient();
  const frame = useRef<HTMLIFrameElement>(null);
  const [error, setError] = useState<unknown>();
  const exportPdf = () =>
    client['custody.report']({ assetId, format: 'pdf', lang })
      .then((r) => downloadOutput(r.outputId, r.name))
      .catch(setError);
  return (
    <Modal title={t('custody.report')} onClose={onClose} wide>
      <div className="page__actions" style={{ justifyContent: 'flex-end', marginBottom: 8 }}>
        <button className="button" onClick={() => frame.current?.contentWindow?.print()} disabled={!report.data}>{t('custody.print')}</button>
        <button className="button button--primary" onClick={exportPdf}>{t('custody.exportPdf')}</button>
      </div>
      <ErrorBanner error={report.error ?? error} />
      {report.isLoading && <Loading />}
      {/* The page has no scripts; same-origin only so Print can reach its window. */}
      {report.data?.html && <iframe ref={frame} title={t('custody.report')} className="report-frame" sandbox="allow-same-origin allow-modals" srcDoc={report.data.html} data-testid="custody-report" />}
    </Modal>
  );
}
