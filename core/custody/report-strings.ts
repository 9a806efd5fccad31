/**
 * The words of the printed custody report (HTML and PDF) in the four languages of the interface,
 * with the vocabulary of docs/glossary.md. Plurals through Intl.PluralRules; the numbers and money
 * are formatted by the caller in the report's locale. Gap details (core/custody/gaps.ts) stay in
 * English for now: they carry a code for a later translation.
 */
export const REPORT_LANGS = ['en', 'es', 'pt-BR', 'fr'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

/** The locale a report in each language formats money and dates in (the regions of the Americas). */
export const REPORT_LOCALE: Record<ReportLang, string> = { en: 'en-US', es: 'es-419', 'pt-BR': 'pt-BR', fr: 'fr-CA' };

type Plural = { one: string; other: string };
const plural = (lang: ReportLang, n: number, p: Plural) => (new Intl.PluralRules(lang).select(n) === 'one' ? p.one : p.other).replace('{n}', String(n));

interface Words {
  title: (description: string) => string;
  labels: { case: string; asset: string; status: string; seized: string; authority: string; valueSeized: string; verdict: string; events: string };
  columns: [string, string, string, string, string, string, string];
  by: (agency: string) => string;
  unbrokenLead: string;
  unbroken: Plural;
  gaps: Plural;
  corrects: (n: number) => string;
  void: string;
  generated: (at: string, by: string, seq: number, hash: string) => string;
  checkpoint: (size: number, fingerprint: string, time: string, origin: string) => string;
  noCheckpoint: string;
  struck: string;
  voidNote: string;
  statuses: Record<string, string>;
  types: Record<string, string>;
  event: {
    received: (to: string, where: string) => string;
    transferred: (from: string, to: string) => string;
    stored: (where: string, by: string) => string;
    checked_out: (to: string) => string;
    checked_in: (to: string, by: string) => string;
    appraised: string;
    disposed: string;
    correction: string;
  };
}

const at = (prefix: string, v: string) => (v ? `${prefix}${v}` : '');

export const REPORT_WORDS: Record<ReportLang, Words> = {
  en: {
    title: (d) => `Chain of custody: ${d}`,
    labels: { case: 'Case', asset: 'Asset', status: 'Status', seized: 'Seized', authority: 'Authority', valueSeized: 'Value as seized', verdict: 'Verdict', events: 'Events' },
    columns: ['#', 'When', 'Event', 'Where', 'Why', 'Witness', 'Entered by'],
    by: (a) => `by ${a}`,
    unbrokenLead: 'Unbroken chain',
    unbroken: { one: '{n} event, no gap.', other: '{n} events, no gap.' },
    gaps: { one: '{n} gap in the chain', other: '{n} gaps in the chain' },
    corrects: (n) => `(corrects #${n})`,
    void: '[void]',
    generated: (a, b, s, h) => `Generated ${a} by ${b}. Audit chain head #${s}: ${h}.`,
    checkpoint: (n, f, t, o) => `Signed audit checkpoint: ${n} entries, root ${f}, ${t} (${o}).`,
    noCheckpoint: 'No signed audit checkpoint yet.',
    struck: 'Struck-through events were voided or replaced by a later correction; nothing in the chain is edited or deleted.',
    voidNote: 'Events marked [void] were voided or replaced by a later correction; nothing in the chain is edited or deleted.',
    statuses: { seized: 'Seized', pending_forfeiture: 'Pending forfeiture', forfeited: 'Forfeited', disposed: 'Disposed', returned: 'Returned', released: 'Released' },
    types: { cash: 'Cash', bank_funds: 'Bank funds', crypto: 'Cryptocurrency', vehicle: 'Vehicle', real_property: 'Real property', jewellery: 'Jewellery & valuables', electronics: 'Electronics', other: 'Other' },
    event: {
      received: (to, w) => `received by ${to}${at(' at ', w)}`,
      transferred: (f, to) => `transferred from ${f} to ${to}`,
      stored: (w, b) => `stored at ${w}${at(' by ', b)}`,
      checked_out: (to) => `checked out to ${to}`,
      checked_in: (to, b) => `checked back in to ${to}${at(' by ', b)}`,
      appraised: 'appraised',
      disposed: 'left custody',
      correction: 'correction: the referenced event is void',
    },
  },
  es: {
    title: (d) => `Cadena de custodia: ${d}`,
    labels: { case: 'Caso', asset: 'Bien', status: 'Estado', seized: 'Incautación', authority: 'Fundamento legal', valueSeized: 'Valor al incautar', verdict: 'Dictamen', events: 'Registros' },
    columns: ['N.º', 'Cuándo', 'Registro', 'Dónde', 'Motivo', 'Testigo', 'Registrado por'],
    by: (a) => `por ${a}`,
    unbrokenLead: 'Cadena íntegra',
    unbroken: { one: '{n} registro, sin interrupciones.', other: '{n} registros, sin interrupciones.' },
    gaps: { one: '{n} interrupción en la cadena', other: '{n} interrupciones en la cadena' },
    corrects: (n) => `(corrige el n.º ${n})`,
    void: '[anulado]',
    generated: (a, b, s, h) => `Emitido el ${a} por ${b}. Cabeza de la bitácora de auditoría n.º ${s}: ${h}.`,
    checkpoint: (n, f, t, o) => `Punto de control firmado de la bitácora: ${n} entradas, raíz ${f}, ${t} (${o}).`,
    noCheckpoint: 'Todavía no hay un punto de control firmado de la bitácora.',
    struck: 'Los registros tachados fueron anulados o reemplazados por una corrección posterior; nada en la cadena se edita ni se elimina.',
    voidNote: 'Los registros marcados [anulado] fueron anulados o reemplazados por una corrección posterior; nada en la cadena se edita ni se elimina.',
    statuses: { seized: 'Incautado', pending_forfeiture: 'En trámite de decomiso', forfeited: 'Decomisado', disposed: 'Con destino final', returned: 'Devuelto', released: 'Liberado' },
    types: { cash: 'Efectivo', bank_funds: 'Fondos bancarios', crypto: 'Criptoactivos', vehicle: 'Vehículo', real_property: 'Inmueble', jewellery: 'Joyas y objetos de valor', electronics: 'Equipos electrónicos', other: 'Otro' },
    event: {
      received: (to, w) => `recibido por ${to}${at(' en ', w)}`,
      transferred: (f, to) => `transferido de ${f} a ${to}`,
      stored: (w, b) => `almacenado en ${w}${at(' por ', b)}`,
      checked_out: (to) => `retirado del depósito por ${to}`,
      checked_in: (to, b) => `devuelto al depósito a ${to}${at(' por ', b)}`,
      appraised: 'avaluado',
      disposed: 'salió de custodia',
      correction: 'corrección: el registro referido queda anulado',
    },
  },
  'pt-BR': {
    title: (d) => `Cadeia de custódia: ${d}`,
    labels: { case: 'Caso', asset: 'Bem', status: 'Situação', seized: 'Apreensão', authority: 'Fundamento legal', valueSeized: 'Valor na apreensão', verdict: 'Conclusão', events: 'Registros' },
    columns: ['N.º', 'Quando', 'Registro', 'Onde', 'Motivo', 'Testemunha', 'Registrado por'],
    by: (a) => `por ${a}`,
    unbrokenLead: 'Cadeia íntegra',
    unbroken: { one: '{n} registro, sem lacunas.', other: '{n} registros, sem lacunas.' },
    gaps: { one: '{n} lacuna na cadeia', other: '{n} lacunas na cadeia' },
    corrects: (n) => `(corrige o n.º ${n})`,
    void: '[anulado]',
    generated: (a, b, s, h) => `Emitido em ${a} por ${b}. Topo do log de auditoria n.º ${s}: ${h}.`,
    checkpoint: (n, f, t, o) => `Ponto de controle assinado do log: ${n} entradas, raiz ${f}, ${t} (${o}).`,
    noCheckpoint: 'Ainda não há ponto de controle assinado do log.',
    struck: 'Os registros riscados foram anulados ou substituídos por uma correção posterior; nada na cadeia é editado ou excluído.',
    voidNote: 'Os registros marcados [anulado] foram anulados ou substituídos por uma correção posterior; nada na cadeia é editado ou excluído.',
    statuses: { seized: 'Apreendido', pending_forfeiture: 'Perdimento pendente', forfeited: 'Perdimento decretado', disposed: 'Com destinação final', returned: 'Restituído', released: 'Liberado' },
    types: { cash: 'Dinheiro em espécie', bank_funds: 'Valores em conta bancária', crypto: 'Criptoativos', vehicle: 'Veículo', real_property: 'Imóvel', jewellery: 'Joias e objetos de valor', electronics: 'Equipamentos eletrônicos', other: 'Outro' },
    event: {
      received: (to, w) => `recebido por ${to}${at(' em ', w)}`,
      transferred: (f, to) => `transferido de ${f} para ${to}`,
      stored: (w, b) => `armazenado em ${w}${at(' por ', b)}`,
      checked_out: (to) => `retirado da central de custódia por ${to}`,
      checked_in: (to, b) => `devolvido à central de custódia a ${to}${at(' por ', b)}`,
      appraised: 'avaliado',
      disposed: 'saiu da custódia',
      correction: 'correção: o registro referido fica anulado',
    },
  },
  fr: {
    title: (d) => `Chaîne de possession : ${d}`,
    labels: { case: 'Dossier', asset: 'Bien', status: 'Statut', seized: 'Saisie', authority: 'Fondement juridique', valueSeized: 'Valeur à la saisie', verdict: 'Constat', events: 'Inscriptions' },
    columns: ['N°', 'Quand', 'Inscription', 'Où', 'Motif', 'Témoin', 'Saisi par'],
    by: (a) => `par ${a}`,
    unbrokenLead: 'Chaîne continue',
    unbroken: { one: '{n} inscription, aucune rupture.', other: '{n} inscriptions, aucune rupture.' },
    gaps: { one: '{n} rupture dans la chaîne', other: '{n} ruptures dans la chaîne' },
    corrects: (n) => `(corrige le n° ${n})`,
    void: '[annulée]',
    generated: (a, b, s, h) => `Produit le ${a} par ${b}. Tête du journal d'audit n° ${s} : ${h}.`,
    checkpoint: (n, f, t, o) => `Point de contrôle signé du journal : ${n} entrées, racine ${f}, ${t} (${o}).`,
    noCheckpoint: "Aucun point de contrôle signé du journal pour l'instant.",
    struck: 'Les inscriptions barrées ont été annulées ou remplacées par une correction ultérieure; rien dans la chaîne n\u2019est modifié ni supprimé.',
    voidNote: 'Les inscriptions marquées [annulée] ont été annulées ou remplacées par une correction ultérieure; rien dans la chaîne n\u2019est modifié ni supprimé.',
    statuses: { seized: 'Saisi', pending_forfeiture: 'Confiscation en instance', forfeited: 'Confisqué', disposed: 'Aliéné', returned: 'Restitué', released: 'Mainlevée' },
    types: { cash: 'Argent comptant', bank_funds: 'Fonds bancaires', crypto: 'Cryptoactifs', vehicle: 'Véhicule', real_property: 'Bien immobilier', jewellery: 'Bijoux et objets de valeur', electronics: 'Appareils électroniques', other: 'Autre' },
    event: {
      received: (to, w) => `reçu par ${to}${at(' à ', w)}`,
      transferred: (f, to) => `transféré de ${f} à ${to}`,
      stored: (w, b) => `entreposé à ${w}${at(' par ', b)}`,
      checked_out: (to) => `sorti au nom de ${to}`,
      checked_in: (to, b) => `retourné à ${to}${at(' par ', b)}`,
      appraised: 'évalué',
      disposed: 'sorti de la possession',
      correction: "correction : l'inscription visée est annulée",
    },
  },
};

export const wordsOf = (lang: ReportLang) => REPORT_WORDS[lang];
export const unbrokenLine = (lang: ReportLang, n: number) => plural(lang, n, REPORT_WORDS[lang].unbroken);
export const gapsLine = (lang: ReportLang, n: number) => plural(lang, n, REPORT_WORDS[lang].gaps);
