import { ProceedsError } from '../../../core/errors';
import { issuesToErrors, type FieldErrors } from './Form';

/** Puts a core error where the user will see it: on the fields it names, else above the form. */
export function submitErrors(err: unknown, setErrors: (e: FieldErrors) => void, setFormError: (m: string | undefined) => void): void {
  if (err instanceof ProceedsError && err.issues.length) {
    setErrors(issuesToErrors(err.issues));
    setFormError(undefined);
  } else {
    setErrors({});
    setFormError(err instanceof Error ? err.message : String(err));
  }
}
