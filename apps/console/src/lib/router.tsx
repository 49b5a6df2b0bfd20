// A tiny path router on the History API (no extra package). Routes are discovered from
// src/pages/*/route.ts (see CONVENTIONS.md); each page loads lazily as its own chunk.
import { useEffect, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

const listeners = new Set<() => void>();
const notify = (): void => listeners.forEach((l) => l());
window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface Location {
  pathname: string;
  search: string;
  hash: string;
}

let cached: Location = { pathname: '', search: '', hash: '' };
function snapshot(): Location {
  const { pathname, search, hash } = window.location;
  if (cached.pathname !== pathname || cached.search !== search || cached.hash !== hash) cached = { pathname, search, hash };
  return cached;
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, snapshot);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

/** Query (`?a=1`) and fragment (`#token=…`) parameters; tokens go in the fragment, never to the server's logs. */
export function useSearchParams(): URLSearchParams {
  return new URLSearchParams(useLocation().search);
}
export function useHashParams(): URLSearchParams {
  return new URLSearchParams(useLocation().hash.replace(/^#/, ''));
}

/** `/track/:token` against `/track/abc` → { token: 'abc' }; `*` at the end matches the rest. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = pathname.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const part = p[i]!;
    if (part === '*') {
      params['*'] = s.slice(i).map(decodeURIComponent).join('/');
      return params;
    }
    const seg = s[i];
    if (seg === undefined) return null;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(seg);
    else if (part !== seg) return null;
  }
  return s.length === p.length ? params : null;
}

export function Link({ to, children, ...rest }: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>): ReactNode {
  const onClick = (e: MouseEvent<HTMLAnchorElement>): void => {
    rest.onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  const current = useLocation().pathname === to.split(/[?#]/)[0];
  return (
    <a href={to} aria-current={current ? 'page' : undefined} {...rest} onClick={onClick}>
      {children}
    </a>
  );
}

export function Redirect({ to }: { to: string }): null {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
