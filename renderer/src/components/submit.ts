import { ProceedsError } from '../../../core/errors';
import { issuesToErrors, type FieldErrors } from './Form';
import { errorText } from '../i18n/errors';

/** Puts a core error where the user will see it: on the fields it names, else above the form. */
export function submitErrors(err: unknown, setErrors: (e: FieldErrors) => void, setFormError: (m: string | undefined) => void): void {
  if (err instanceof ProceedsError && err.issues.length) {
    setErrors(issuesToErrors(err.issues));
    setFormError(undefined);
  } else {
    setErrors({});
    setFormError(errorText(err));
  }
}
