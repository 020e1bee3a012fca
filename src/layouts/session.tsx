/**
 * The session of the web app: the signed-in user, sign-in and sign-out, and the
 * permissions derived from the user. Provided once at the root (see app.tsx).
 */
import React, { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { history } from 'umi';
import access, { type Access } from '@/access';
import { type CurrentUser, fetchMe, login as loginApi, logoutSession, refreshSession } from '@/services/auth';
import { reportError } from '@/services/errors';
import { ApiError, getToken, setToken, setUnauthenticatedHandler } from '@/services/request';

/** What `useSession` gives. */
export interface Session {
  user: CurrentUser | null;
  /** True while the stored token is being checked at start-up. */
  loading: boolean;
  access: Access;
  login(userId: string): Promise<CurrentUser>;
  /** Take a token obtained elsewhere (single sign-on, the host's mount props). */
  adopt(token: string, user: CurrentUser): void;
  logout(): void;
}

const SessionContext = createContext<Session | null>(null);

const USER_KEY = 'duban.user';

/** The user last confirmed by the server for the stored token, if any. */
function readCachedUser(): CurrentUser | null {
  try {
    const text = localStorage.getItem(USER_KEY);
    return text ? (JSON.parse(text) as CurrentUser) : null;
  } catch {
    // Storage blocked or the entry unreadable: ask the server instead.
    return null;
  }
}

function writeCachedUser(user: CurrentUser | null): void {
  try {
    if (user) localStorage.setItem(USER_KEY, JSON.stringify(user));
    else localStorage.removeItem(USER_KEY);
  } catch {
    // See readCachedUser.
  }
}

/** The login page's address, remembering where to come back to. */
function loginPath(): string {
  const here = history.location.pathname + history.location.search;
  return here.startsWith('/login') || here === '/' ? '/login' : `/login?redirect=${encodeURIComponent(here)}`;
}

/** Provides the session to the whole app. */
export function SessionProvider({ children }: { children: React.ReactNode }) {
  // The user of the stored token is shown at once and checked with the server in the background,
  // so the first page does not wait for a round trip.
  const [user, setUserState] = useState<CurrentUser | null>(() => (getToken() ? readCachedUser() : null));
  const [loading, setLoading] = useState<boolean>(() => !!getToken() && !readCachedUser());
  const setUser = useCallback((u: CurrentUser | null) => {
    writeCachedUser(u);
    setUserState(u);
  }, []);

  const logout = useCallback(() => {
    // The server signs the token out; through single sign-on the host's own sign-out follows.
    const done = (redirect?: string) => {
      setToken(null);
      setUser(null);
      if (redirect) window.location.assign(redirect);
      else history.push('/login');
    };
    logoutSession()
      .then((r) => done(r.redirect))
      .catch(() => done());
  }, [setUser]);

  const adopt = useCallback(
    (token: string, u: CurrentUser) => {
      setToken(token);
      setUser(u);
      setLoading(false);
    },
    [setUser],
  );

  // Expiry is refreshed: a little before the token runs out, while the app is open, a new one is fetched.
  useEffect(() => {
    if (!user) return;
    const t = setInterval(() => {
      refreshSession()
        .then((r) => setToken(r.token))
        .catch(() => undefined);
    }, 30 * 60_000);
    return () => clearInterval(t);
  }, [user]);

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
        if (err instanceof ApiError && err.status === 401) {
          setToken(null);
          setUser(null);
        } else reportError(err);
      })
      .finally(() => setLoading(false));
  }, [setUser]);

  const login = useCallback(
    async (userId: string) => {
      const res = await loginApi(userId);
      setToken(res.token);
      setUser(res.user);
      return res.user;
    },
    [setUser],
  );

  const value = useMemo<Session>(() => ({ user, loading, access: access(user), login, adopt, logout }), [user, loading, login, adopt, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The current session; must be used under SessionProvider. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}
