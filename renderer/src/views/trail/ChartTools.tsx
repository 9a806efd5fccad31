import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation, useReadOnly } from '../../api/hooks';
import { ErrorBanner } from '../../components/Misc';

/** Saving and opening named layouts of the case's chart. */
export function LayoutBar(props: { caseId: string; current?: string; onOpen(id: string): void; onSave(name: string): Promise<void> }) {
  const { t } = useTranslation('trail');
  const readOnly = useReadOnly();
  const layouts = useApi('layout.list', { caseId: props.caseId });
  const [name, setName] = useState(props.current ?? '');
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<string>();
  return (
    <div className="chart-tools__group" data-testid="chart-layouts">
      <label className="field field--inline">
        <span className="field__label">{t('chart.layouts')}</span>
        <select name="chartLayout" value="" onChange={(e) => e.target.value && props.onOpen(e.target.value)}>
          <option value="">{t('chart.openLayout', { count: layouts.data?.length ?? 0 })}</option>
          {(layouts.data ?? []).map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
        </select>
      </label>
      {!readOnly && (
        <form
          className="chart-tools__save"
          onSubmit={(e) => {
            e.preventDefault();
            setError(undefined);
            props.onSave(name).then(() => setSaved(name), setError);
          }}
        >
          <input name="layoutName" aria-label={t('chart.layoutName')} placeholder={t('chart.layoutName')} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
          <button className="button" type="submit" disabled={!name.trim()}>{t('chart.saveLayout')}</button>
        </form>
      )}
      {saved && <span className="muted" role="status">{t('chart.saved', { name: saved })}</span>}
      <ErrorBanner error={error ?? layouts.error} />
    </div>
  );
}

/** Notes and boxes: typed here, placed in the middle of the view, then dragged where they belong. */
export function AnnotateBar(props: { onAdd(kind: 'note' | 'box', text: string): void; count: number; onClear(): void }) {
  const { t } = useTranslation('trail');
  const [text, setText] = useState('');
  return (
    <div className="chart-tools__group">
      <input name="annotationText" aria-label={t('chart.annotationText')} placeholder={t('chart.annotationText')} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} />
      <button className="button" disabled={!text.trim()} onClick={() => (props.onAdd('note', text.trim()), setText(''))}>{t('chart.addNote')}</button>
      <button className="button" disabled={!text.trim()} onClick={() => (props.onAdd('box', text.trim()), setText(''))}>{t('chart.addBox')}</button>
      {props.count > 0 && <button className="link-button" onClick={props.onClear}>{t('chart.clearAnnotations', { count: props.count })}</button>}
    </div>
  );
}

/** Hidden nodes: how many, each to show again, or all at once. */
export function HiddenList(props: { hidden: string[]; label(id: string): string; onShow(ids: string[]): void }) {
  const { t } = useTranslation('trail');
  if (props.hidden.length === 0) return null;
  return (
    <details className="chart-tools__hidden" data-testid="chart-hidden">
      <summary>{t('chart.hiddenCount', { count: props.hidden.length })}</summary>
      <ul className="plain-list">
        {props.hidden.map((id) => (
          <li key={id}>{props.label(id)} <button className="link-button" onClick={() => props.onShow([id])}>{t('chart.show')}</button></li>
        ))}
      </ul>
      <button className="button" onClick={() => props.onShow(props.hidden)}>{t('chart.showAll')}</button>
    </details>
  );
}

/** SVG and PNG buttons for a view. */
export function ImageExport(props: { onExport(format: 'svg' | 'png'): Promise<void>; testId: string }) {
  const { t } = useTranslation('trail');
  const [error, setError] = useState<unknown>();
  const run = (f: 'svg' | 'png') => props.onExport(f).catch(setError);
  return (
    <span className="chart-tools__group" data-testid={props.testId}>
      <button className="button" onClick={() => void run('svg')}>{t('chart.exportSvg')}</button>
      <button className="button" onClick={() => void run('png')}>{t('chart.exportPng')}</button>
      <ErrorBanner error={error} />
    </span>
  );
}

export function useSaveLayout() {
  return useApiMutation('layout.save');
}
