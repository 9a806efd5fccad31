import type { z } from 'zod';
import type { FieldIssue } from '../errors.js';
import { renderMessage, type ErrorKey, type MessageParams } from './render.js';

/**
 * A zod issue in plain words: zod's own English ("Invalid input: expected string, received
 * undefined", "Too small: expected string to have >=1 characters") becomes a coded sentence of the
 * `errors.field.*` catalog ("required", "at least 3 characters") the interface says in the user's
 * language. A message the schema wrote itself (a refine, `min(1, 'choose an agency')`) is kept as
 * the schema's author worded it, unless the refine codes it (`params.key`).
 */
const ZOD_DEFAULT = /^(Invalid input|Invalid option|Invalid (string|number|key|element|value)|Too (small|big)|Unrecognized key|Expected|Invalid$)/;

type Issue = z.core.$ZodIssue;

function coded(i: Issue): { key: ErrorKey; params: MessageParams } | undefined {
  switch (i.code) {
    case 'invalid_type':
      return /received undefined|received null/.test(i.message) ? { key: 'field.required', params: {} } : { key: 'field.wrongType', params: { expected: String(i.expected) } };
    case 'too_small': {
      const min = Number(i.minimum);
      if (i.origin === 'string') return min <= 1 ? { key: 'field.required', params: {} } : { key: 'field.tooShort', params: { count: min } };
      if (i.origin === 'array' || i.origin === 'set') return { key: 'field.tooFew', params: { count: min } };
      return { key: i.inclusive === false ? 'field.notAbove' : 'field.atLeast', params: { limit: String(i.minimum) } };
    }
    case 'too_big': {
      const max = Number(i.maximum);
      if (i.origin === 'string') return { key: 'field.tooLong', params: { count: max } };
      if (i.origin === 'array' || i.origin === 'set') return { key: 'field.tooMany', params: { count: max } };
      return { key: i.inclusive === false ? 'field.notBelow' : 'field.atMost', params: { limit: String(i.maximum) } };
    }
    case 'invalid_format':
      return { key: 'field.badFormat', params: { format: i.format } };
    case 'invalid_value':
      return { key: 'field.notAChoice', params: { choices: i.values.map(String).join(', ') } };
    case 'unrecognized_keys':
      return { key: 'field.unknownFields', params: { count: i.keys.length, fields: i.keys.join(', ') } };
    case 'not_multiple_of':
      return { key: 'field.notMultiple', params: { divisor: String(i.divisor) } };
    default:
      return { key: 'field.invalid', params: {} };
  }
}

/**
 * A refine that codes its own message: `params: { key: 'keys.passphraseTooShort', count: 10 }` (the
 * other params fill the sentence). Its `message` stays the English for the CLI and logs.
 */
function ownCode(params: Record<string, unknown>): { key: ErrorKey; params: MessageParams } {
  const { key, ...rest } = params;
  return { key: key as ErrorKey, params: rest as MessageParams };
}

/** One issue per field path (the first), plain and coded; the whole form's problems at once. */
export function plainIssues(issues: readonly Issue[]): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const i of issues) {
    const path = i.path.map(String).join('.') || '(input)';
    const code = i.code === 'custom' && typeof i.params?.key === 'string' ? ownCode(i.params) : ZOD_DEFAULT.test(i.message) ? coded(i) : undefined;
    out.push(code ? { path, message: renderMessage('en', code.key, code.params), ...code } : { path, message: i.message });
  }
  return out;
}
