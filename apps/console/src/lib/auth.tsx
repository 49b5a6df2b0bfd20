// The session: a bearer token in sessionStorage (gone when the tab closes), the principal from
// GET /api/v1/auth/me, and the roles that decide which pages open.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { configureApi, get, post } from './api';

export type Role = 'network_admin' | 'municipality_coordinator' | 'clerk' | 'institution_specialist' | 'institution_integration' | 'auditor';

export interface Principal {
  subject: string;
  kind: 'user' | 'machine';
  roles: Role[];
  centreIds: string[];
  institutionId?: string;
  municipalityAtvk?: string;
  displayName?: string;
}

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  descriptionLv: string;
}

interface StoredSession {
  token: string;
  expiresAt: number;
  principal: Principal;
}

const STORAGE_KEY = 'vpvkac.session';

function load(): StoredSession | null {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    const s = raw ? (JSON.parse(raw) as StoredSession) : null;
    return s && s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}

let current: StoredSession | null = load();

export interface Session {
  token: string | null;
  principal: Principal | null;
  hasRole(...roles: Role[]): boolean;
  /** Demo mode: sign in as a seeded demo user. */
  loginDemo(username: string): Promise<Principal>;
  logout(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }): ReactNode {
  const [state, setState] = useState<StoredSession | null>(current);
  const logout = useCallback(() => {
    current = null;
    window.sessionStorage.removeItem(STORAGE_KEY);
    setState(null);
  }, []);
  useEffect(() => {
    configureApi(() => current?.token ?? null, logout);
  }, [logout]);
  configureApi(() => current?.token ?? null, logout);

  const loginDemo = useCallback(async (username: string) => {
    const res = await post<{ access_token: string; expires_in: number }>('/api/v1/auth/demo-token', { username }, { anonymous: true });
    const principal = await get<Principal>('/api/v1/auth/me', { anonymous: true, headers: { authorization: `Bearer ${res.access_token}` } });
    current = { token: res.access_token, expiresAt: Date.now() + res.expires_in * 1000, principal };
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(current));
    setState(current);
    return principal;
  }, []);

  const value = useMemo<Session>(
    () => ({
      token: state?.token ?? null,
      principal: state?.principal ?? null,
      hasRole: (...roles) => !!state && state.principal.roles.some((r) => roles.includes(r)),
      loginDemo,
      logout,
    }),
    [state, loginDemo, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
