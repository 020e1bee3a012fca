/** Login and the current user (the server's /api/auth routes). */
import { request } from './request';

/** The signed-in user as the server describes them. */
export interface CurrentUser {
  id: string;
  name: string;
  unitId: string;
  unitName: string;
  title: string;
  /** Role ids held (R1…R15, ADMIN). */
  roles: string[];
  roleNames: string[];
  liaisonUnits: string[];
  isAdmin: boolean;
  isOffice: boolean;
  seesAllItems: boolean;
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
