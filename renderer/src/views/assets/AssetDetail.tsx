import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useReadOnly } from '../../api/hooks';
import { ErrorBanner, Loading, StatusBadge } from '../../components/Misc';
import { formatDate, formatMoney } from '../../i18n/format';
import { ExhibitsPanel } from '../exhibits/ExhibitsPanel';
import { CustodyPanel } from './CustodyPanel';
import { LinksPanel } from './LinksPanel';
import { SharingPanel } from './SharingPanel';
import { TransitionDialog } from './TransitionDialog';
import { ValuesDialog } from './ValuesDialog';
import { ValueHistory } from './ValueHistory';
import { DETAIL_FIELDS } from './detailFields';

const DISPOSALS = ['sold', 'destroyed', 'official_use', 'transferred'];

/** One asset: its facts and values, lifecycle, what funded it, custody, exhibits and sharing. */
export function AssetDetail({ assetId }: { assetId: string }) {
  const { t } = useTranslation('assets');
  // Under review (a bundle's data): no value edits, no status steps.
  const readOnly = useReadOnly();
  const asset = useApi('assets.get', { id: assetId });
  const [step, setStep] = useState<string>();
  const [editing, setEditing] = useState(false);
  if (asset.isLoading) return <Loading />;
  if (!asset.data) return <ErrorBanner error={asset.error} />;
  const a = asset.data;
  const m = (minor: string | null) => (minor === null ? t('none') : formatMoney(minor, a.currency));
  const details = (DETAIL_FIELDS[a.type] ?? []).filter((k) => a.details[k] !== undefined && a.details[k] !== '');
  const cells: [string, string, string?][] = [
    [t('fields.valueSeized'), m(a.valueSeizedMinor)],
    [t('fields.valueAppraised'), m(a.valueAppraisedMinor), a.appraisedOn ? `${formatDate(a.appraisedOn)} · ${a.appraiser}` : undefined],
    [t('fields.valueRealised'), m(a.valueRealisedMinor)],
    [t('fields.costs'), m(a.costsMinor)],
    [t('fields.deductions'), m(a.deductionsMinor)],
    [t('fields.net'), m(a.netMinor)],
  ];
  // A disposal step names its kind directly, so "Sold" is one click rather than "disposed" plus a choice.
  const steps = readOnly ? [] : a.allowedNext.flatMap((s) => (s === 'disposed' ? DISPOSALS : [s]));
  return (
    <div className="stack" data-testid="asset-detail">
      <section className="panel">
        <div className="asset-head">
          <div>
            <div className="muted">{t(`types.${a.type}`)} · <span className="mono">{a.id}</span></div>
            <h2>{a.description}</h2>
            <div className="facts-columns">
            <dl className="facts">
              <dt>{t('fields.seizedOn')}</dt><dd>{formatDate(a.seizedOn)}{a.seizedPlace ? ` · ${a.seizedPlace}` : ''}</dd>
              <dt>{t('fields.seizingAgency')}</dt><dd>{a.seizingAgency ? `${a.seizingAgency.name} (${a.seizingAgency.code})` : t('none')}</dd>
              <dt>{t('fields.authority')}</dt><dd className="mono">{a.legalAuthority || t('none')}</dd>
            </dl>
            <dl className="facts">
              {details.map((k) => (
                <span key={k} style={{ display: 'contents' }}>
                  <dt>{t(`details.${k}`)}</dt>
                  <dd className={k === 'vin' || k === 'wallet' ? 'mono' : undefined}>
                    {k === 'denominations' ? (a.details.denominations as { denomination: string; count: number }[]).map((d) => `${d.count} × ${d.denomination}`).join(', ') : String(a.details[k])}
                  </dd>
                </span>
              ))}
            </dl>
            </div>
          </div>
          <div style={{ textAlign: 'right' }}>
            <StatusBadge status={a.status} />
            <div className="muted" style={{ marginTop: 4 }}>{t('fields.statusOn')} {formatDate(a.statusOn)}{a.disposition ? ` · ${t(`dispositions.${a.disposition}`)}` : ''}{a.returnedTo ? ` · ${t(`returnedTo.${a.returnedTo}`)}` : ''}</div>
          </div>
        </div>
        <div className="money-row" data-testid="asset-values">
          {cells.map(([label, value, hint], i) => (
            <div key={label} className={`money-cell${i === cells.length - 1 ? ' money-cell--net' : ''}`}>
              <div className="money-cell__label">{label}</div>
              <div className="money-cell__value">{value}</div>
              {hint && <div className="money-cell__label">{hint}</div>}
            </div>
          ))}
        </div>
        <div className="step-buttons">
          {!readOnly && <button className="button" onClick={() => setEditing(true)} data-testid="edit-values">{t('editValues.open')}</button>}
          {/* A net below zero is allowed (costs and claims can exceed the value) but must not pass unnoticed. */}
          {BigInt(a.netMinor) < 0n && <span className="banner banner--warn">{t('editValues.negativeNet')}</span>}
        </div>
        <ValueHistory assetId={a.id} currency={a.currency} />
      </section>
      <div className="two-columns">
        <div className="stack">
          <section className="panel" data-testid="lifecycle">
            <h2>{t('lifecycle')}</h2>
            <ol className="timeline">
              {a.statusEvents.map((e) => (
                <li key={e.id}>
                  <StatusBadge status={e.toStatus} /> <span className="timeline__when">{formatDate(e.occurredOn)} · {e.actor}</span>
                  <div className="timeline__ref mono">{e.orderReference}</div>
                  {e.note && <div className="muted timeline__ref">{e.note}</div>}
                </li>
              ))}
            </ol>
            {steps.length ? (
              <div className="step-buttons">
                {steps.map((s) => (
                  <button key={s} className="button" onClick={() => setStep(s)}>{DISPOSALS.includes(s) ? t('dispose', { how: t(`dispositions.${s}`) }) : t('move', { status: t(`statuses.${s}`) })}</button>
                ))}
              </div>
            ) : readOnly ? null : <p className="muted">{t('final')}</p>}
          </section>
          <LinksPanel asset={a} />
          <SharingPanel asset={a} />
        </div>
        <div className="stack">
          <CustodyPanel assetId={a.id} />
          <ExhibitsPanel caseId={a.caseId} targetKind="asset" targetId={a.id} title={t('exhibits')} />
        </div>
      </div>
      {editing && !readOnly && <ValuesDialog asset={a} onClose={() => setEditing(false)} />}
      {step && !readOnly && <TransitionDialog asset={a} to={step} onClose={() => setStep(undefined)} />}
    </div>
  );
}
