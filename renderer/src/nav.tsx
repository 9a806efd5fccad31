import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import i18n from './i18n';
import { anyDirty } from './dirty';
import { hashToRoute, routeToHash, type Route } from './routing';

export type { Route } from './routing';

interface Nav {
  route: Route;
  /** Goes there (a new history entry), asking first when a form holds unsaved input. Returns false when the user stayed. */
  go: (r: Route, opts?: { replace?: boolean }) => boolean;
}

const NavContext = createContext<Nav>({ route: { view: 'cases' }, go: () => false });

const confirmLeave = () => !anyDirty() || window.confirm(i18n.t('unsaved.leave'));

/**
 * The route lives in the URL fragment: reload keeps the place, back and forward move through it.
 * Back/forward with unsaved input asks too; staying puts the fragment back.
 */
export function NavProvider({ children }: { children: ReactNode }) {
  const [hash, setHash] = useState(() => routeToHash(hashToRoute(window.location.hash)));
  // The fragment we last accepted: what back/forward returns to when the user chooses to stay.
  const accepted = useRef(hash);

  useEffect(() => {
    // The fragment may have moved between the first render and now: follow it, then normalise the
    // address (an empty or unknown fragment shows as the case list's).
    const now = routeToHash(hashToRoute(window.location.hash));
    if (now !== accepted.current) {
      accepted.current = now;
      setHash(now);
    }
    if (window.location.hash !== now) history.replaceState(history.state, '', now);
    const onHashChange = () => {
      const next = routeToHash(hashToRoute(window.location.hash));
      if (next === accepted.current) return;
      if (!confirmLeave()) {
        history.replaceState(history.state, '', accepted.current);
        return;
      }
      accepted.current = next;
      setHash(next);
    };
    // Reload or closing the window with unsaved input: the browser asks.
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (anyDirty()) e.preventDefault();
    };
    window.addEventListener('hashchange', onHashChange);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('hashchange', onHashChange);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, []);

  const go = useCallback((r: Route, opts: { replace?: boolean } = {}) => {
    const next = routeToHash(r);
    if (next === accepted.current) return true;
    if (!confirmLeave()) return false;
    accepted.current = next;
    if (opts.replace) history.replaceState(history.state, '', next);
    else history.pushState(history.state, '', next);
    setHash(next);
    return true;
  }, []);

  const value = useMemo(() => ({ route: hashToRoute(hash), go }), [hash, go]);
  return <NavContext.Provider value={value}>{children}</NavContext.Provider>;
}

export const useNav = () => useContext(NavContext);

/** A link's href for a route (middle-click, copy address); clicks still go through `go`. */
export const hrefOf = routeToHash;
