import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem<K extends string> {
  key: K;
  label: string;
}

/**
 * The WAI-ARIA tabs pattern (automatic activation): one tab stop for the whole list, arrows move
 * between tabs and select them, Home/End jump to the ends; each tab names the panel it controls.
 */
export function TabList<K extends string>({ id, tabs, active, onSelect, label, variant = 'tabs' }: {
  /** Unique on the page: tab and panel ids derive from it. */
  id: string;
  tabs: TabItem<K>[];
  active: K;
  onSelect: (key: K) => void;
  label: string;
  variant?: 'tabs' | 'segmented';
}) {
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const item = variant === 'tabs' ? 'tabs__tab' : 'segmented__item';
  const onKeyDown = (e: KeyboardEvent) => {
    const at = tabs.findIndex((x) => x.key === active);
    const to = e.key === 'ArrowRight' ? (at + 1) % tabs.length
      : e.key === 'ArrowLeft' ? (at - 1 + tabs.length) % tabs.length
      : e.key === 'Home' ? 0
      : e.key === 'End' ? tabs.length - 1
      : -1;
    if (to < 0) return;
    e.preventDefault();
    onSelect(tabs[to].key);
    refs.current.get(tabs[to].key)?.focus();
  };
  return (
    <div className={variant} role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((x) => (
        <button
          key={x.key}
          ref={(el) => { if (el) refs.current.set(x.key, el); else refs.current.delete(x.key); }}
          type="button"
          role="tab"
          id={`${id}-tab-${x.key}`}
          aria-selected={x.key === active}
          aria-controls={`${id}-panel`}
          tabIndex={x.key === active ? 0 : -1}
          className={`${item}${x.key === active ? ' is-active' : ''}`}
          onClick={() => onSelect(x.key)}
        >
          {x.label}
        </button>
      ))}
    </div>
  );
}

/** The panel of the active tab, labelled by it. */
export function TabPanel({ id, active, children, className }: { id: string; active: string; children: ReactNode; className?: string }) {
  return (
    <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${active}`} className={className}>
      {children}
    </div>
  );
}
