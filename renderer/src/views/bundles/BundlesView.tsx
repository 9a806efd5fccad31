import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TabList, TabPanel } from '../../components/Tabs';
import { useNav } from '../../nav';
import { ExportPanel } from './ExportPanel';
import { HistoryPanel } from './HistoryPanel';
import { KeyringPanel } from './KeyringPanel';
import { KeysPanel } from './KeysPanel';
import { ReceivePanel, type OpenedReview } from './ReceivePanel';
import { ReviewWorkspace } from './ReviewWorkspace';
import './bundles.css';

const SECTIONS = ['receive', 'export', 'history', 'keys', 'keyring'] as const;
type Section = (typeof SECTIONS)[number];

/** Evidence bundles: open a received one (report first), export, history, our key, trusted agencies. */
export function BundlesView() {
  const { t } = useTranslation('bundles');
  // The section is part of the address (#/bundles?section=keys): reload and back keep it.
  const { route, go } = useNav();
  const asked = route.view === 'bundles' ? route.params?.section : undefined;
  const section: Section = SECTIONS.find((s) => s === asked) ?? 'receive';
  const setSection = (s: Section) => go({ view: 'bundles', params: s === 'receive' ? {} : { section: s } });
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
      <TabList id="bundles" label={t('sectionsLabel')} tabs={SECTIONS.map((s) => ({ key: s, label: t(`sections.${s}`) }))} active={section} onSelect={setSection} />
      <TabPanel id="bundles" active={section}>
        {section === 'receive' && <ReceivePanel onReview={setReview} />}
        {section === 'export' && <ExportPanel />}
        {section === 'history' && <HistoryPanel />}
        {section === 'keys' && <KeysPanel />}
        {section === 'keyring' && <KeyringPanel />}
      </TabPanel>
    </section>
    </>
  );
}
