/**
 * Where the user is, as a URL fragment: `#/case/<id>/assets?asset=<id>`. The fragment works the same
 * under the `proceeds://` protocol and over the loopback bridge, is never sent to a server, and gives
 * reload, back and forward for free. Pure functions: no React, no window.
 */
export type Route =
  | { view: 'cases' }
  | { view: 'case'; caseId: string; tab?: string; params?: Record<string, string> }
  | { view: 'dashboard'; params?: Record<string, string> }
  | { view: 'bundles'; params?: Record<string, string> }
  | { view: 'settings' };

const TOP = new Set(['cases', 'dashboard', 'bundles', 'settings']);

function query(params: Record<string, string> | undefined): string {
  const entries = Object.entries(params ?? {}).filter(([, v]) => v !== undefined && v !== '');
  if (!entries.length) return '';
  return `?${new URLSearchParams(entries.sort(([a], [b]) => a.localeCompare(b))).toString()}`;
}

export function routeToHash(r: Route): string {
  switch (r.view) {
    case 'case':
      return `#/case/${encodeURIComponent(r.caseId)}${r.tab ? `/${encodeURIComponent(r.tab)}` : ''}${query(r.params)}`;
    case 'dashboard':
    case 'bundles':
      return `#/${r.view}${query(r.params)}`;
    default:
      return `#/${r.view}`;
  }
}

/** Anything unknown (an old link, a typo) lands on the case list rather than an error page. */
export function hashToRoute(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [pathPart, search = ''] = raw.split('?', 2);
  const segs = pathPart.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  const params = Object.fromEntries(new URLSearchParams(search));
  const withParams = Object.keys(params).length ? { params } : {};
  if (segs[0] === 'case' && segs[1]) return { view: 'case', caseId: segs[1], ...(segs[2] ? { tab: segs[2] } : {}), ...withParams };
  if (segs[0] === 'dashboard' || segs[0] === 'bundles') return { view: segs[0], ...withParams };
  if (segs[0] && TOP.has(segs[0])) return { view: segs[0] as 'cases' | 'settings' };
  return { view: 'cases' };
}
