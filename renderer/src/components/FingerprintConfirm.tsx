import { useState } from 'react';
import { Field } from './Form';
import { ErrorBanner } from './Misc';

/**
 * Trust on first use, confirmed by a person: they type the fingerprint (or its words) as the key's
 * owner read it out, and the core compares. Used for agencies' keys and for the hub's key.
 */
export function FingerprintConfirm({ title, label, submitLabel, error, pending, onConfirm, testId }: {
  title: string;
  label: string;
  submitLabel: string;
  error: unknown;
  pending: boolean;
  onConfirm: (typed: string, done: () => void) => void;
  testId: string;
}) {
  const [typed, setTyped] = useState('');
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    onConfirm(typed, () => setTyped(''));
  };
  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid={testId}>
      <h2>{title}</h2>
      <ErrorBanner error={error} />
      <Field label={label} wide><input className="mono" name="fingerprint" value={typed} onChange={(e) => setTyped(e.target.value)} /></Field>
      <div className="form__actions"><button className="button button--primary" type="submit" disabled={pending || !typed.trim()}>{submitLabel}</button></div>
    </form>
  );
}
