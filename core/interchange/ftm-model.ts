import { Model, defaultModel, type Schema } from '@alephdata/followthemoney';
import { isValidIBAN } from 'ibantools';

/** The FollowTheMoney model as the @alephdata/followthemoney package ships it (schemata, properties, types). */
export const ftmModel = new Model(defaultModel);

/** One entity as FtM's JSON lines carry it. */
export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
  datasets?: string[];
}

const DATE = /^\d{4}(-\d{2}(-\d{2}([T ]\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** Values of an enumerated FtM type (country, gender, topic, language) that the model knows. */
function enumerated(type: string): Set<string> | undefined {
  const values = (ftmModel.getType(type) as unknown as { values?: Map<string, string> }).values;
  return values && values.size ? new Set(values.keys()) : undefined;
}
const ENUMS = new Map(['country', 'gender', 'topic', 'language'].map((t) => [t, enumerated(t)]));

function valueProblem(type: string, v: string): string | undefined {
  if (type === 'date' && !DATE.test(v)) return `"${v}" is not an FtM date (ISO 8601 prefix)`;
  if (type === 'number' && !NUMBER.test(v.replace(/,/g, ''))) return `"${v}" is not a number`;
  if (type === 'iban' && !isValidIBAN(v.replace(/\s/g, '').toUpperCase())) return `"${v}" is not a valid IBAN`;
  const known = ENUMS.get(type);
  if (known && !known.has(v.toLowerCase())) return `"${v}" is not a ${type} code of the model`;
  return undefined;
}

/**
 * What makes a datum not an entity of the FtM model: an unknown or abstract schema, a property the
 * schema does not have (or a reverse-only stub), a value that is not a string or not of the
 * property's type, a reference to an entity of the wrong schema, and (when `complete`) a missing
 * required property or a reference to an entity that is not in the set.
 */
export function entityProblems(datum: unknown, schemaOf?: (id: string) => string | undefined, complete = false): string[] {
  const d = datum as Partial<FtmEntity>;
  if (!d || typeof d !== 'object' || Array.isArray(d)) return ['not a JSON object'];
  if (typeof d.id !== 'string' || !d.id) return ['"id" is missing'];
  if (typeof d.schema !== 'string') return ['"schema" is missing'];
  let schema: Schema;
  try {
    schema = ftmModel.getSchema(d.schema);
  } catch {
    return [`"${d.schema}" is not a schema of the FtM model`];
  }
  if (!schema) return [`"${d.schema}" is not a schema of the FtM model`];
  if (schema.abstract) return [`${schema.name} is abstract: an entity has a concrete schema`];
  const props = d.properties ?? {};
  if (typeof props !== 'object' || Array.isArray(props)) return ['"properties" is not an object'];
  const out: string[] = [];
  const all = schema.getProperties();
  for (const [name, values] of Object.entries(props)) {
    const p = all.get(name);
    if (!p) out.push(`${schema.name} has no property "${name}"`);
    else if (p.stub) out.push(`${schema.name}.${name} is the reverse side of another entity's property, not set on this one`);
    else if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) out.push(`${schema.name}.${name}: values are a list of strings`);
    else
      for (const v of values) {
        if (p.type.name === 'entity') {
          const target = schemaOf?.(v);
          if (target === undefined) {
            if (complete) out.push(`${schema.name}.${name}: "${v}" is not an entity of the set`);
          } else if (!ftmModel.getSchema(target).isA(p.getRange())) out.push(`${schema.name}.${name}: "${v}" is a ${target}, not a ${p.getRange().name}`);
        } else {
          const bad = valueProblem(p.type.name, v);
          if (bad) out.push(`${schema.name}.${name}: ${bad}`);
        }
      }
  }
  if (complete) for (const r of schema.required) if (!props[r]?.length) out.push(`${schema.name} requires "${r}"`);
  return out;
}
