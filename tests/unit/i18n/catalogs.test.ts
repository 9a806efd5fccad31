import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { jsxLiterals } from './jsx-literals';

/**
 * The four catalogs (renderer/src/i18n/<lang>/<namespace>.json) say the same things: every key of
 * English exists in every language and no language has a key English lacks; plurals carry every
 * category Intl.PluralRules gives the language (es, pt-BR and fr have one/many/other); each
 * translation uses exactly the interpolation variables of the English text. And no user-facing
 * text is written straight into JSX.
 */
const DIR = path.resolve('renderer/src/i18n');
const LANGS = ['en', 'es', 'pt-BR', 'fr'];
const PLURAL = /_(zero|one|two|few|many|other)$/;
const VAR = /\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g;

type Flat = Map<string, string>;
function flatten(obj: Record<string, unknown>, prefix = '', out: Flat = new Map()): Flat {
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === 'object') flatten(v as Record<string, unknown>, `${prefix}${k}.`, out);
    else out.set(`${prefix}${k}`, v as string);
  }
  return out;
}
/** The core's messages (errors.*) live in core/i18n, shared by the renderer, the CLI and court outputs. */
const CORE_DIR = path.resolve('core/i18n');
const dirOf = (ns: string) => (ns === 'errors' ? CORE_DIR : DIR);
const load = (lang: string, ns: string) => JSON.parse(fs.readFileSync(path.join(dirOf(ns), lang, `${ns}.json`), 'utf8')) as Record<string, unknown>;
const namespaces = [...fs.readdirSync(path.join(DIR, 'en')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')), 'errors'];

/** base key -> { forms: plural categories present (or ['']), vars: variables used across the forms } */
function describeCatalog(flat: Flat) {
  const out = new Map<string, { forms: Set<string>; vars: Set<string>; values: string[] }>();
  for (const [key, value] of flat) {
    const m = PLURAL.exec(key);
    const base = m ? key.slice(0, -m[0].length) : key;
    const entry = out.get(base) ?? { forms: new Set(), vars: new Set(), values: [] };
    entry.forms.add(m ? m[1]! : '');
    for (const v of String(value).matchAll(VAR)) entry.vars.add(v[1]!);
    entry.values.push(String(value));
    out.set(base, entry);
  }
  return out;
}

/** Problems of one language's namespace against English, as readable lines. */
export function compareCatalogs(lang: string, en: Flat, other: Flat): string[] {
  const problems: string[] = [];
  const [e, o] = [describeCatalog(en), describeCatalog(other)];
  const categories = new Set(new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[]);
  for (const [key, want] of e) {
    const got = o.get(key);
    if (!got) {
      problems.push(`${lang}: missing key ${key}`);
      continue;
    }
    const plural = !want.forms.has('');
    if (plural) {
      for (const c of categories) if (!got.forms.has(c)) problems.push(`${lang}: ${key} lacks the plural form _${c}`);
      for (const c of got.forms) if (!categories.has(c)) problems.push(`${lang}: ${key} has _${c || '(no suffix)'}, not a plural category of ${lang}`);
    } else if (!got.forms.has('') || got.forms.size > 1) problems.push(`${lang}: ${key} is not plural in English but is in ${lang}`);
    const [w, g] = [[...want.vars].sort().join(','), [...got.vars].sort().join(',')];
    if (w !== g) problems.push(`${lang}: ${key} uses {{${g}}}, English uses {{${w}}}`);
    if (got.values.some((v) => v.trim() === '')) problems.push(`${lang}: ${key} is empty`);
  }
  for (const key of o.keys()) if (!e.has(key)) problems.push(`${lang}: key ${key} exists only in ${lang}, not in English`);
  return problems;
}

/** Strings that are the same in every language on purpose (codes, formats, names). */
const SAME_AS_ENGLISH = /^(goAML \/ FtM|FollowTheMoney \(OpenAleph, yente\)|OFX \/ QFX|ISO 20022 camt\.05x|SWIFT MT940|ISO 4217: USD, EUR, BRL, CLP…)$/;

describe('translation catalogs', () => {
  it('has every namespace in every language', () => {
    for (const lang of LANGS) for (const ns of namespaces) expect(fs.existsSync(path.join(dirOf(ns), lang, `${ns}.json`)), `${lang}/${ns}.json`).toBe(true);
    for (const lang of LANGS) {
      const extra = [...fs.readdirSync(path.join(DIR, lang)), ...fs.readdirSync(path.join(CORE_DIR, lang))].filter((f) => !namespaces.includes(f.replace(/\.json$/, '')));
      expect(extra, `${lang} has namespaces English lacks`).toEqual([]);
    }
  });

  it('says the same things in es, pt-BR and fr as in English: keys, plural forms, variables', () => {
    const problems: string[] = [];
    for (const lang of LANGS.slice(1)) for (const ns of namespaces) problems.push(...compareCatalogs(lang, flatten(load('en', ns)), flatten(load(lang, ns))).map((p) => `${ns}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('leaves no English sentence untranslated', () => {
    const left: string[] = [];
    for (const lang of LANGS.slice(1))
      for (const ns of namespaces) {
        const en = flatten(load('en', ns));
        for (const [k, v] of flatten(load(lang, ns))) {
          const words = v.replace(VAR, '').split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w));
          if (words.length >= 2 && v === en.get(k) && !SAME_AS_ENGLISH.test(v)) left.push(`${lang}/${ns}: ${k} = ${v}`);
        }
      }
    expect(left).toEqual([]);
  });

  it('finds each kind of mistake the catalogs could make', () => {
    const en = flatten({ a: 'A {{x}}', n_one: '{{count}} item', n_other: '{{count}} items', only: 'x' });
    const es = flatten({ a: 'A {{y}}', n_one: '{{count}} cosa', n_other: '{{count}} cosas', extra: 'solo aquí' });
    const problems = compareCatalogs('es', en, es);
    expect(problems).toContain('es: missing key only');
    expect(problems).toContain('es: key extra exists only in es, not in English');
    expect(problems).toContain('es: a uses {{y}}, English uses {{x}}');
    expect(problems).toContain('es: n lacks the plural form _many');
  });

  it('renders plurals in every language through i18next with the real catalogs', async () => {
    const resources = Object.fromEntries(LANGS.map((l) => [l, Object.fromEntries(namespaces.map((ns) => [ns, load(l, ns)]))]));
    const i18n = i18next.createInstance();
    await i18n.init({ resources, lng: 'en', fallbackLng: false, interpolation: { escapeValue: false } });
    const gaps = (lng: string, count: number) => i18n.getFixedT(lng, 'assets')('custody.gaps', { count });
    expect(gaps('en', 1)).toBe('1 gap in the chain');
    expect(gaps('en', 3)).toBe('3 gaps in the chain');
    expect(gaps('es', 1)).toBe('1 interrupción en la cadena');
    expect(gaps('es', 3)).toBe('3 interrupciones en la cadena');
    expect(gaps('es', 1000000)).toBe('1000000 interrupciones en la cadena');
    expect(gaps('pt-BR', 0)).toBe('0 lacuna na cadeia'); // Portuguese counts 0 as singular (CLDR: i = 0,1)
    expect(gaps('pt-BR', 2)).toBe('2 lacunas na cadeia');
    expect(gaps('fr', 1)).toBe('1 rupture dans la chaîne');
    expect(gaps('fr', 1000000)).toBe('1000000 ruptures dans la chaîne');
    expect(i18n.getFixedT('fr', 'trail')('trace.methods.fifo')).toMatch(/^PEPS/);
  });
});

describe('no literal text in JSX', () => {
  // Not language: a case-number example in a placeholder.
  const ALLOWED = new Set(['views/cases/NewCaseDialog.tsx: placeholder="TF-2026-001"']);

  it('finds none in renderer/src', () => {
    const found = jsxLiterals(path.resolve('renderer/src')).map((l) => `${l.file}: ${l.text}`).filter((l) => !ALLOWED.has(l));
    expect(found).toEqual([]);
  });

  it('would catch text between tags, read attributes and string children', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's20-americas-jsx-'));
    fs.writeFileSync(path.join(dir, 'Bad.tsx'), `export const A = () => <div title="Close me"><p>Hello there</p>{'Save'}<i aria-label={t('ok')}>·</i></div>;\n`);
    const texts = jsxLiterals(dir).map((l) => l.text);
    fs.rmSync(dir, { recursive: true });
    expect(texts).toEqual(['title="Close me"', 'Hello there', 'Save']);
  });
});
