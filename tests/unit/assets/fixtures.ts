import type { Core } from '../../../core/core.js';

/** A joint case with three agencies (lead FED, STATE, CITY) and the hours each contributed. */
export async function jointCase(core: Core, number = 'TF-2026-010', hours: [number, number, number] = [500, 300, 200]) {
  const fed = await core.call('agencies.create', { name: 'Federal Task Force', code: `FED-${number}` });
  const state = await core.call('agencies.create', { name: 'State Police', code: `STATE-${number}` });
  const city = await core.call('agencies.create', { name: 'City PD', code: `CITY-${number}` });
  const c = await core.call('cases.create', { number, title: 'Operation Lantern', status: 'open', leadAgencyId: fed.id });
  const full = await core.call('cases.get', { id: c.id });
  await core.call('participants.update', { id: full.participants[0].id, hours: hours[0] });
  await core.call('participants.add', { caseId: c.id, agencyId: state.id, hours: hours[1] });
  await core.call('participants.add', { caseId: c.id, agencyId: city.id, hours: hours[2] });
  return { caseId: c.id, fed, state, city };
}

export const vehicle = (caseId: string, extra: Record<string, unknown> = {}) => ({
  caseId,
  type: 'vehicle',
  description: '2022 Porsche Cayenne, black',
  seizedOn: '2026-01-15',
  seizedPlace: '1200 Brickell Ave, Miami',
  legalAuthority: 'SW-2026-0042',
  currency: 'USD',
  valueSeized: '68000.00',
  details: { make: 'Porsche', model: 'Cayenne', year: 2022, vin: 'WP1AA2AY5NDA12345', plate: 'FL ABC123' },
  ...extra,
});
