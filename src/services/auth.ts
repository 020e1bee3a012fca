/** Login and the current user (the server's /api/auth routes). */
import { request } from './request';

/** The signed-in user as the server describes them. */
export interface CurrentUser {
  id: string;
  name: string;
  unitId: string;
  unitName: string;
  title: string;
  /** Role ids held (those of the directory's role table). */
  roles: string[];
  roleNames: string[];
  liaisonUnits: string[];
  /** What the policy lets this person do (`item.start`, `task.urge`, `admin`…). */
  capabilities: string[];
  /** Procedures with a starter list of their own: whether this person may start each. */
  startable?: Record<string, boolean>;
  isAdmin: boolean;
  isOffice: boolean;
  seesAllItems: boolean;
  /** Receives the tasks of their own unit. */
  handlesUnit?: boolean;
}

/** A person offered on the demo login page. */
export interface DemoUser {
  id: string;
  name: string;
  title: string;
  unitId: string;
  unitName: string;
  roles: string[];
  roleNames: string[];
  capabilities: string[];
  /** Receives the tasks of their own unit. */
  handlesUnit: boolean;
}

/** The people of the demo county one may sign in as. */
export async function fetchDemoUsers(): Promise<DemoUser[]> {
  const res = await request<{ users: DemoUser[] }>('/api/auth/demo-users');
  return res.users;
}

/** Signs in as a demo person; returns the token and the user. */
export function login(userId: string): Promise<{ token: string; expiresAt: number; user: CurrentUser }> {
  return request('/api/auth/login', { method: 'POST', body: { userId } });
}

/** The current user of the stored token. */
export function fetchMe(): Promise<CurrentUser> {
  return request<CurrentUser>('/api/auth/me');
}

/** How people sign in here: the demo list, or the host's single sign-on. */
export interface AuthConfig {
  demo: boolean;
  sso: string[];
  ttlMs: number;
}

/** The sign-in methods of this deployment. */
export function fetchAuthConfig(): Promise<AuthConfig> {
  return request<AuthConfig>('/api/auth/config');
}

/** Trade the one-time code of a single sign-on for a session token. */
export function exchangeSsoCode(code: string): Promise<{ token: string; expiresAt: number; user: CurrentUser; target: string }> {
  return request('/api/auth/sso/exchange', { method: 'POST', body: { code } });
}

/** A fresh token for the signed-in user. */
export function refreshSession(): Promise<{ token: string; expiresAt: number; user: CurrentUser }> {
  return request('/api/auth/refresh', { method: 'POST' });
}

/** Sign the token out; `redirect` is the host's sign-out page when signed in through it. */
export function logoutSession(): Promise<{ ok: boolean; redirect?: string }> {
  return request('/api/auth/logout', { method: 'POST' });
}
