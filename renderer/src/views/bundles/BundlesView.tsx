import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportPanel } from './ExportPanel';
import { HistoryPanel } from './HistoryPanel';
import { KeyringPanel } from './KeyringPanel';
import { KeysPanel } from './KeysPanel';
import { ReceivePanel, type OpenedReview } from './ReceivePanel';
import { ReviewWorkspace } from './ReviewWorkspace';
import './bundles.css';

const SECTIONS = ['receive', 'export', 'history', 'keys', 'keyring'] as const;

/** Evidence bundles: open a received one (report first), export, history, our key, trusted agencies. */
export function BundlesView() {
  const { t } = useTranslation('bundles');
  const [section, setSection] = useState<(typeof SECTIONS)[number]>('receive');
  const [review, setReview] = useState<OpenedReview>();
  // The page stays mounted under a review, so closing the review comes back to the same report.
  return (
    <>
    {review && <ReviewWorkspace review={review} onClose={() => setReview(undefined)} />}
    <section className="page bundles" hidden={Boolean(review)}>
      <header className="page__header">
        <div>
          <h1>{t('title')}</h1>
          <p className="muted">{t('intro')}</p>
        </div>
      </header>
      <nav className="tabs" role="tablist">
        {SECTIONS.map((s) => (
          <button key={s} role="tab" aria-selected={s === section} className={`tabs__tab${s === section ? ' is-active' : ''}`} onClick={() => setSection(s)}>
            {t(`sections.${s}`)}
          </button>
        ))}
      </nav>
      {section === 'receive' && <ReceivePanel onReview={setReview} />}
      {section === 'export' && <ExportPanel />}
      {section === 'history' && <HistoryPanel />}
      {section === 'keys' && <KeysPanel />}
      {section === 'keyring' && <KeyringPanel />}
    </section>
    </>
  );
}
