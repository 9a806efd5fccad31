import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { anyDirty } from '../dirty';

const FOCUSABLE = 'a[href], button:not(:disabled), input:not(:disabled):not([type=hidden]), select:not(:disabled), textarea:not(:disabled), summary, [tabindex]:not([tabindex="-1"])';

/** The page behind a modal <dialog> is inert, but Tab past its last control would leave for the browser's own UI: wrap instead. */
function wrapFocus(e: React.KeyboardEvent<HTMLDialogElement>) {
  const all = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
  if (!all.length) return;
  const first = all[0];
  const last = all[all.length - 1];
  if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
  else if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
}

/**
 * A native modal <dialog>: the browser traps focus inside, makes the page behind inert and
 * sends Escape as `cancel`. Escape, × and a click on the backdrop ask first when a form inside
 * holds unsaved input; focus returns to what opened it.
 */
export function Modal({ title, onClose, children, wide, testId, dismissable = true }: {
  title: string; onClose: () => void; children: ReactNode; wide?: boolean; testId?: string;
  /** False for a dialog that must be answered (first launch): no ×, Escape does nothing. */
  dismissable?: boolean;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  const request = () => {
    if (!dismissable) return;
    // Any unsaved form: the dialog's own form is rendered by the component that renders this dialog,
    // so it registers outside any context the dialog could provide.
    if (anyDirty() && !window.confirm(t('unsaved.close'))) return;
    close.current();
  };

  useEffect(() => {
    const d = ref.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!d.open) d.showModal();
    // showModal focuses the first focusable element (the ×). Typing belongs in the field marked
    // data-autofocus (React's autoFocus fires while the dialog is still closed, so it cannot), else the first field.
    (d.querySelector<HTMLElement>('[data-autofocus]') ?? d.querySelector<HTMLElement>('.modal__body :is(input:not([type=hidden]), select, textarea):not(:disabled)'))?.focus();
    return () => {
      d.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`modal${wide ? ' modal--wide' : ''}`}
      aria-label={title}
      data-testid={testId}
      onCancel={(e) => { e.preventDefault(); request(); }}
      onKeyDown={(e) => { if (e.key === 'Tab') wrapFocus(e); }}
      // A press on the ::backdrop targets the dialog element, outside its box (its scrollbar is inside).
      onMouseDown={(e) => {
        if (e.target !== e.currentTarget) return;
        const r = e.currentTarget.getBoundingClientRect();
        if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) request();
      }}
    >
      <header className="modal__header">
        <h2>{title}</h2>
        {dismissable && <button type="button" className="icon-button" aria-label={t('actions.close')} onClick={request}>×</button>}
      </header>
      <div className="modal__body">{children}</div>
    </dialog>
  );
}
