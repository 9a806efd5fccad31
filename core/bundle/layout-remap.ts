import { canonicalJson } from '../audit/canonical.js';
import { OUTSIDE } from '../graph/flows.js';
import type { LayoutState } from '../graph/layout-schemas.js';

/**
 * A chart layout names its nodes by account and subject ids (and "outside:<account id>"). When a
 * merge matched an incoming account or subject to a local one, its references are redirected to the
 * local id; so are the layout's positions, hidden nodes and highlights, or the layout would place
 * and mark nodes that do not exist here. Returns the state text unchanged when nothing maps.
 */
export function remapLayoutState(stateText: string, idMap: Map<string, Map<string, string>>): string {
  const accounts = idMap.get('accounts');
  const subjects = idMap.get('subjects');
  if (!accounts?.size && !subjects?.size) return stateText;
  const local = (id: string): string => {
    if (id.startsWith(OUTSIDE)) return OUTSIDE + local(id.slice(OUTSIDE.length));
    return accounts?.get(id) ?? subjects?.get(id) ?? id;
  };
  // The record was checked against LayoutState before the merge.
  const state = JSON.parse(stateText) as LayoutState;
  let changed = false;
  const map = (id: string) => {
    const to = local(id);
    changed ||= to !== id;
    return to;
  };
  const nodes: LayoutState['nodes'] = {};
  for (const [id, p] of Object.entries(state.nodes)) nodes[map(id)] = p;
  const out: LayoutState = {
    nodes,
    hidden: (state.hidden ?? []).map(map),
    annotations: (state.annotations ?? []).map((a) => (a.kind === 'highlight' ? { ...a, nodeId: map(a.nodeId) } : a)),
  };
  return changed ? canonicalJson(out) : stateText;
}
