import { describe, expect, it } from 'vitest';
import { accountScheme, checkAccountIdentifier, checkIdentifier, schemeOf } from '../../../core/identifiers/index';

/**
 * Published valid and invalid examples of each identifier. Where an example comes from the
 * documentation of python-stdnum (arthurdejong/python-stdnum, LGPL, doctests of stdnum/<cc>/<x>.py),
 * the file is named; others are the issuing body's own published examples.
 */
const ok = (type: string, text: string) => {
  const r = checkIdentifier(type, text);
  if (!r?.ok) throw new Error(`${type} ${text}: ${r?.ok === false ? r.message : 'unknown type'}`);
  return r;
};
const bad = (type: string, text: string) => {
  const r = checkIdentifier(type, text);
  if (!r || r.ok) throw new Error(`${type} ${text} should be refused`);
  return r.problem;
};

describe('identifiers of the region (core/identifiers)', () => {
  it('IBAN through ibantools: the ISO 13616 / ECBS example, and the same with one digit changed', () => {
    // DE89 3704 0044 0532 0130 00: the example IBAN of the ECBS/EPC IBAN standard (and Wikipedia's)
    expect(ok('IBAN', 'DE89 3704 0044 0532 0130 00')).toMatchObject({ normalized: 'DE89370400440532013000', display: 'DE89 3704 0044 0532 0130 00' });
    // GB82 WEST 1234 5698 7654 32: the UK example of the SWIFT IBAN registry
    expect(ok('IBAN', 'gb82west12345698765432').display).toBe('GB82 WEST 1234 5698 7654 32');
    expect(bad('IBAN', 'DE89 3704 0044 0532 0130 01')).toBe('checksum');
    expect(bad('IBAN', 'DE89 3704 0044 0532 0130')).toBe('length');
  });

  it('BIC through ibantools: DEUTDEFF (Deutsche Bank, SWIFT directory), with branch; a digit in the country is refused', () => {
    expect(ok('BIC', 'DEUTDEFF').normalized).toBe('DEUTDEFF');
    expect(ok('SWIFT', 'deutdeff500').normalized).toBe('DEUTDEFF500');
    expect(bad('BIC', 'DEUT1EFF')).toBe('format');
    expect(bad('BIC', 'DEUTDEF')).toBe('length');
  });

  it('US ABA routing numbers: 021000021 (JPMorgan Chase, Federal Reserve E-Payments directory), 111000025 valid and 112000025 invalid (stdnum/us/rtn.py)', () => {
    expect(ok('ABA', '021000021').normalized).toBe('021000021');
    expect(ok('routing', '111000025').normalized).toBe('111000025');
    expect(bad('ABA', '112000025')).toBe('checksum');
    expect(bad('ABA', '02100002')).toBe('length');
  });

  it('CLABE: 032180000118359719, the example of Banxico (and of the Wikipedia CLABE article)', () => {
    expect(ok('CLABE', '032180000118359719').display).toBe('032 180 00011835971 9');
    expect(bad('CLABE', '032180000118359710')).toBe('checksum');
    expect(bad('CLABE', '03218000011835971')).toBe('length');
  });

  it('CBU / CVU: 2850590940090418135201 valid, 2810590940090418135201 invalid (stdnum/ar/cbu.py)', () => {
    expect(ok('CBU', '28505909 40090418135201').display).toBe('28505909 40090418135201');
    expect(bad('CBU', '2810590940090418135201')).toBe('checksum');
    // a CVU has the CBU layout and starts with 000: a CBU number is not a CVU
    expect(bad('CVU', '2850590940090418135201')).toBe('component');
  });

  it('CUIT / CUIL: 20-05536168-2 and 20267565393 valid, 20267565392 invalid (stdnum/ar/cuit.py)', () => {
    expect(ok('CUIT', '20-05536168-2').normalized).toBe('20055361682');
    expect(ok('CUIL', '20267565393').display).toBe('20-26756539-3');
    expect(bad('CUIT', '20267565392')).toBe('checksum');
    expect(bad('CUIT', '2026756539')).toBe('length');
  });

  it('CPF: 390.533.447-05 valid, 231.002.999-00 invalid (stdnum/br/cpf.py); repeated digits are never issued', () => {
    expect(ok('CPF', '39053344705').display).toBe('390.533.447-05');
    expect(bad('CPF', '231.002.999-00')).toBe('checksum');
    expect(bad('CPF', '111.111.111-11')).toBe('component');
  });

  it('CNPJ: 16.727.230/0001-97 valid, 16.727.230/0001-98 invalid (stdnum/br/cnpj.py); the alphanumeric CNPJ of July 2026, 12.ABC.345/01DE-35 (Receita Federal)', () => {
    expect(ok('CNPJ', '16727230000197').display).toBe('16.727.230/0001-97');
    expect(bad('CNPJ', '16.727.230/0001-98')).toBe('checksum');
    expect(ok('CNPJ', '12.ABC.345/01DE-35').normalized).toBe('12ABC34501DE35');
    expect(bad('CNPJ', '12.ABC.345/01DE-36')).toBe('checksum');
  });

  it('RFC: GODE 561231 GR8 (person) and MAB-930714-8T4 (company) valid, VACE-460910-SX6 with a wrong check digit (stdnum/mx/rfc.py)', () => {
    expect(ok('RFC', 'gode561231gr8').display).toBe('GODE 561231 GR8');
    expect(ok('RFC', 'MAB-930714-8T4').display).toBe('MAB 930714 8T4');
    expect(bad('RFC', 'VACE-460910-SX6')).toBe('checksum');
    expect(bad('RFC', 'GODE 561331 GR8')).toBe('component'); // month 13
  });

  it('CURP: BOXW310820HNERXN09 valid, BOXW310820HNERXN08 invalid (stdnum/mx/curp.py)', () => {
    expect(ok('CURP', 'BOXW310820HNERXN09').normalized).toBe('BOXW310820HNERXN09');
    expect(bad('CURP', 'BOXW310820HNERXN08')).toBe('checksum');
    expect(bad('CURP', 'BOXW310820HZZRXN09')).toBe('component'); // no state ZZ
  });

  it('RUT / RUN: 76086428-5 and 12531909-2 valid, 12531909-3 invalid (stdnum/cl/rut.py)', () => {
    expect(ok('RUT', '76086428-5').display).toBe('76.086.428-5');
    expect(ok('RUN', 'CL 12531909-2').display).toBe('12.531.909-2');
    expect(bad('RUT', '12531909-3')).toBe('checksum');
    expect(bad('RUT', '76086A28-5')).toBe('format');
  });

  it('NIT: 213.123.432-1 and 2131234351 valid, 2131234350 invalid (stdnum/co/nit.py)', () => {
    expect(ok('NIT', '213.123.432-1').normalized).toBe('2131234321');
    expect(ok('NIT', '2131234351').display).toBe('213.123.435-1');
    expect(bad('NIT', '2131234350')).toBe('checksum');
    expect(bad('NIT', '213123435')).toBe('length');
  });

  it('RUC: 20512333797 and 10054148289 valid, 20512333798 invalid (stdnum/pe/ruc.py)', () => {
    expect(ok('RUC', '20512333797').normalized).toBe('20512333797');
    expect(ok('RUC', '10054148289').normalized).toBe('10054148289');
    expect(bad('RUC', '20512333798')).toBe('checksum');
    expect(bad('RUC', '99512333797')).toBe('component');
  });

  it('knows which types it checks, and leaves the others (passport, licence) alone', () => {
    expect(schemeOf('cpf')).toBe('CPF');
    expect(schemeOf('Swift')).toBe('BIC');
    expect(checkIdentifier('passport', 'X1234567')).toBeUndefined();
  });

  it('recognises an account identifier by its shape only when the shape leaves no doubt', () => {
    expect(accountScheme('DE89 3704 0044 0532 0130 00', 'EUR')).toBe('IBAN');
    expect(accountScheme('032180000118359719', 'MXN')).toBe('CLABE');
    expect(accountScheme('032180000118359719', 'USD')).toBeUndefined();
    expect(accountScheme('2850590940090418135201', 'ARS')).toBe('CBU');
    expect(accountScheme('US-021000021-4401', 'USD')).toBeUndefined();
    expect(accountScheme('bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh', 'BTC')).toBeUndefined();
    expect(checkAccountIdentifier('DE89370400440532013001', 'EUR')).toMatchObject({ ok: false, problem: 'checksum' });
  });
});
