import { createContext, useContext, useState, type ReactNode } from 'react';

/** Where the user is. Kept in memory: the URL carries only the bridge token. */
export type Route =
  | { view: 'cases' }
  | { view: 'case'; caseId: string; tab?: string; params?: Record<string, string> }
  | { view: 'dashboard'; params?: Record<string, string> }
  | { view: 'bundles'; params?: Record<string, string> }
  | { view: 'settings' };

interface Nav {
  route: Route;
  go: (r: Route) => void;
}

const NavContext = createContext<Nav>({ route: { view: 'cases' }, go: () => undefined });

export function NavProvider({ children }: { children: ReactNode }) {
  const [route, go] = useState<Route>({ view: 'cases' });
  return <NavContext.Provider value={{ route, go }}>{children}</NavContext.Provider>;
}

export const useNav = () => useContext(NavContext);
