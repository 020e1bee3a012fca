/**
 * The session of the web app: the signed-in user, sign-in and sign-out, and the
 * permissions derived from the user. Provided once at the root (see app.tsx).
 */
import React, { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { history } from 'umi';
import access, { type Access } from '@/access';
import { type CurrentUser, fetchMe, login as loginApi } from '@/services/auth';
import { reportError } from '@/services/errors';
import { ApiError, getToken, setToken, setUnauthenticatedHandler } from '@/services/request';

/** What `useSession` gives. */
export interface Session {
  user: CurrentUser | null;
  /** True while the stored token is being checked at start-up. */
  loading: boolean;
  access: Access;
  login(userId: string): Promise<CurrentUser>;
  logout(): void;
}

const SessionContext = createContext<Session | null>(null);

/** The login page's address, remembering where to come back to. */
function loginPath(): string {
  const here = history.location.pathname + history.location.search;
  return here.startsWith('/login') || here === '/' ? '/login' : `/login?redirect=${encodeURIComponent(here)}`;
}

/** Provides the session to the whole app. */
export function SessionProvider({ children }: { children: React.ReactNode }) {
  const [user, setUser] = useState<CurrentUser | null>(null);
  const [loading, setLoading] = useState<boolean>(() => !!getToken());

  const logout = useCallback(() => {
    setToken(null);
    setUser(null);
    history.push('/login');
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setToken(null);
      setUser(null);
      if (!history.location.pathname.startsWith('/login')) history.push(loginPath());
    });
    if (!getToken()) return;
    fetchMe()
      .then(setUser)
      .catch((err) => {
        if (!(err instanceof ApiError && err.status === 401)) reportError(err);
        setToken(null);
      })
      .finally(() => setLoading(false));
  }, []);

  const login = useCallback(async (userId: string) => {
    const res = await loginApi(userId);
    setToken(res.token);
    setUser(res.user);
    return res.user;
  }, []);

  const value = useMemo<Session>(() => ({ user, loading, access: access(user), login, logout }), [user, loading, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The current session; must be used under SessionProvider. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}
