import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fromZod, deserializeError, serializeError, ProceedsError } from '../../../core/errors.js';
import { ERROR_CATALOGS, MESSAGE_LANGS, renderMessage } from '../../../core/i18n/render.js';
import { localizeError, messageLanguage } from '../../../core/i18n/localize.js';
import { tempCore } from '../../helpers/core.js';

/**
 * Every message code the core throws has its sentence in every language, and a coded error reaches
 * the reader in Spanish, Portuguese and French (the renderer and the CLI both render it from the
 * error's key and params, never from its English message).
 */
const flat = (o: Record<string, unknown>, p = '', out = new Set<string>()): Set<string> => {
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === 'object') flat(v as Record<string, unknown>, `${p}${k}.`, out);
    else out.add(`${p}${k}`.replace(/_(zero|one|two|few|many|other)$/, ''));
  }
  return out;
};
const KEYS = Object.fromEntries(MESSAGE_LANGS.map((l) => [l, flat(ERROR_CATALOGS[l])]));

function coreFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? coreFiles(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []));
}

describe('error codes', () => {
  const namespaces = [...new Set([...KEYS.en].map((k) => k.split('.')[0]))].join('|');
  // Where a code is written: fail(kind, code), invalidField/conflictOn/issue(path, code), PassphraseError(code),
  // a refine's params { key: code }, and new ProceedsError(..., code, { params }).
  const CALLS = [
    /\bfail\(\s*'\w+',\s*'([^']+)'/g,
    /\b(?:invalidField|conflictOn|issue)\(\s*[^,()]+,\s*'([^']+)'/g,
    /PassphraseError\(\s*'([^']+)'/g,
    /params: \{\s*key: '([^']+)'/g,
    new RegExp(`,\\s*'((?:${namespaces})\\.[\\w.-]+)',\\s*\\{`, 'g'),
  ];
  const sources = coreFiles(path.resolve('core')).map((f) => [f, fs.readFileSync(f, 'utf8')] as const);

  it('finds every code written in core/ in every catalog', () => {
    const used = new Set<string>();
    for (const [, src] of sources) for (const re of CALLS) for (const m of src.matchAll(re)) used.add(m[1]!);
    expect(used.size).toBeGreaterThan(40);
    const missing = [...used].flatMap((k) => MESSAGE_LANGS.filter((l) => !KEYS[l]!.has(k)).map((l) => `${l}: ${k}`));
    expect(missing).toEqual([]);
  });

  it('has a sentence for every bundle problem code the verifier reports', () => {
    const codes = new Set<string>();
    for (const [f, src] of sources) if (f.includes(`${path.sep}bundle${path.sep}`)) for (const m of src.matchAll(/code: '([a-z-]+)'/g)) codes.add(m[1]!);
    expect(codes.size).toBeGreaterThan(20);
    const missing = [...codes].flatMap((c) => MESSAGE_LANGS.filter((l) => !KEYS[l]!.has(`bundle.problem.${c}`)).map((l) => `${l}: ${c}`));
    expect(missing).toEqual([]);
  });

  it('has a sentence for everything notFound can name', async () => {
    const { notFound } = await import('../../../core/errors.js');
    for (const what of ['case', 'subject', 'account', 'signing key', 'keyring entry'] as const) expect(notFound(what, 'x1').message).toBe(`${what} not found: x1`);
    const thingKeys = /const THING_KEY[^=]*=\s*\{([^}]*)\}/s.exec(fs.readFileSync('core/errors.ts', 'utf8'))![1]!.matchAll(/:\s*'(\w+)'/g);
    for (const [, k] of thingKeys) for (const l of MESSAGE_LANGS) expect(KEYS[l]!.has(`notFound.${k}`), `${l}: notFound.${k}`).toBe(true);
  });
});

describe('a coded error in the reader\'s language', () => {
  it('turns a zod refusal into plain words per field, and says them in es, pt-BR and fr', () => {
    const r = z.object({ name: z.string(), code: z.string().min(3), kind: z.enum(['person', 'organisation']) }).safeParse({ code: 'x', kind: 'ship' });
    const e = deserializeError(JSON.parse(JSON.stringify(serializeError(fromZod(r.error!)))));
    expect(e.message).toBe('name: required; code: at least 3 characters; kind: not one of the choices: person, organisation');
    expect(e.message).not.toMatch(/Invalid input|expected string/);
    expect(localizeError(e, 'es')).toEqual([
      '3 campos deben corregirse: name, code, kind',
      'name: obligatorio', 'code: al menos 3 caracteres', 'kind: no es una de las opciones: person, organisation',
    ]);
    expect(localizeError(e, 'pt-BR')[2]).toBe('code: pelo menos 3 caracteres');
    expect(localizeError(e, 'fr')[1]).toBe('name: obligatoire');
  });

  it('says a wrong passphrase, a refused case transition and a CSV reject reason through the contract in every language', async () => {
    const { core, cleanup } = tempCore('error-codes');
    try {
      const kase = (await core.call('cases.create', { number: 'TF-I18N-1', title: 'Errors' })) as { id: string };
      await core.call('cases.update', { id: kase.id, status: 'open' });
      const err = await core.call('cases.update', { id: kase.id, status: 'draft' }).catch((x: unknown) => x);
      expect(err).toBeInstanceOf(ProceedsError);
      const wire = deserializeError(JSON.parse(JSON.stringify(serializeError(err))));
      expect(wire.key).toBe('case.noBackToDraft');
      expect(localizeError(wire, 'es')[0]).toBe('el caso TF-I18N-1 está abierto; un caso abierto no puede volver a borrador (ciérrelo o archívelo)');
      expect(localizeError(wire, 'pt-BR')[0]).toBe('o caso TF-I18N-1 está aberto; um caso aberto não pode voltar a rascunho (encerre-o ou arquive-o)');
      expect(localizeError(wire, 'fr')[0]).toMatch(/^le dossier TF-I18N-1 est ouvert ; /);
    } finally {
      cleanup();
    }
    const { PassphraseError } = await import('../../../core/keys/secret-key.js');
    const wrong = new PassphraseError('keys.passphraseWrong');
    expect(wrong.message).toBe('wrong passphrase, or the key file was altered');
    expect(renderMessage('es', wrong.key)).toBe('frase de contraseña incorrecta, o el archivo de clave fue alterado');
    expect(renderMessage('pt-BR', 'import.reject.notADate', { value: '31/02/2024', format: 'DD/MM/YYYY' })).toBe('"31/02/2024" não é uma data real no formato DD/MM/YYYY');
    expect(renderMessage('fr', 'bundle.problem.signature-invalid')).toBe('la signature ne correspond pas au contenu du paquet');
  });

  it('picks the CLI language from PROCEEDS_LANG, then LC_ALL, LC_MESSAGES, LANG', () => {
    expect(messageLanguage({ PROCEEDS_LANG: 'pt-BR', LANG: 'es_MX.UTF-8' })).toBe('pt-BR');
    expect(messageLanguage({ LC_ALL: 'fr_CA.UTF-8', LANG: 'es_MX.UTF-8' })).toBe('fr');
    expect(messageLanguage({ LANG: 'es_MX.UTF-8' })).toBe('es');
    expect(messageLanguage({ LANG: 'pt_PT' })).toBe('pt-BR');
    expect(messageLanguage({ LC_ALL: 'C', LANG: 'es_MX.UTF-8' })).toBe('en');
    expect(messageLanguage({})).toBe('en');
  });
});
