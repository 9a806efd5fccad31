import { useState } from 'react';
import type { z } from 'zod';
import { issuesToErrors, type FieldErrors } from './Form';
import { submitErrors } from './submit';
import { useDirty } from '../dirty';

/**
 * Form state checked with the contract's own zod schema before sending; the core's answer
 * (field issues or a message) lands on the same fields.
 */
export function useForm<T extends Record<string, string | boolean>>(initial: T, opts: { guard?: boolean } = {}) {
  const [values, setValues] = useState<T>(initial);
  const [start] = useState<T>(initial);
  // Unsaved input: leaving the page or closing the dialog asks first. Page forms that stay on screen
  // with what they saved pass guard: false (their values never return to the initial ones).
  const saved = useDirty(opts.guard !== false && Object.keys(start).some((k) => values[k] !== start[k]));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const bind = (k: keyof T & string) => ({
    name: k,
    value: values[k] as string,
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value })),
  });
  const set = (k: keyof T, v: T[keyof T]) => setValues((old) => ({ ...old, [k]: v }));
  /**
   * The input, typed as the contract's input once the contract's schema accepted it (ready to send:
   * the core parses it again, with its transforms), or undefined after showing the errors on their fields.
   */
  const parse = <S extends z.ZodType>(schema: S, input: unknown): z.input<S> | undefined => {
    const parsed = schema.safeParse(input);
    if (parsed.success) return input as z.input<S>;
    setErrors(issuesToErrors(parsed.error.issues));
    setFormError(undefined);
    return undefined;
  };
  /** Returns true when the input passes the schema; otherwise shows the errors. */
  const check = (schema: z.ZodType, input: unknown) => parse(schema, input) !== undefined;
  const fail = (err: unknown) => submitErrors(err, setErrors, setFormError);
  /** Clears what an earlier attempt reported, keeping the input: a new try starts without an old error on screen. */
  const clear = () => { setErrors({}); setFormError(undefined); };
  const reset = () => { setValues(initial); setErrors({}); setFormError(undefined); };
  return { values, set, bind, errors, formError, parse, check, fail, clear, reset, saved };
}
