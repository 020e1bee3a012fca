/** The county directory (units, people, roles) from /api/directory, fetched once per page load. */
import { request } from './request';

/** A unit: 县直部门, 乡镇 or an office. */
export interface Unit {
  id: string;
  name: string;
  kind: 'office' | 'department' | 'township';
  domain?: string;
  sort: number;
  /** Person ids of the 县政府办副主任 liaising with the unit. */
  liaisons: string[];
  /** Person ids of the unit's handlers (承办人). */
  handlers: string[];
}

/** A person with their role grants. */
export interface Person {
  id: string;
  name: string;
  unitId: string;
  unitName: string;
  title: string;
  roles: { roleId: string; scope?: string }[];
  liaisonUnits: string[];
}

/** A role with its holders. */
export interface Role {
  id: string;
  name: string;
  holders: { personId: string; name: string; scope?: string }[];
}

const cache = new Map<string, Promise<unknown>>();

function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (!cache.has(key)) {
    const p = load();
    // A failed load is retried next time instead of being cached.
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return cache.get(key) as Promise<T>;
}

/** Every unit, in directory order. */
export function fetchUnits(): Promise<Unit[]> {
  return once('units', async () => (await request<{ units: Unit[] }>('/api/directory/units')).units);
}

/** Every person. */
export function fetchPeople(): Promise<Person[]> {
  return once('people', async () => (await request<{ people: Person[] }>('/api/directory/people')).people);
}

/** Every role with its holders. */
export function fetchRoles(): Promise<Role[]> {
  return once('roles', async () => (await request<{ roles: Role[] }>('/api/directory/roles')).roles);
}

/** Chinese names of unit kinds, in display order. */
export const UNIT_KIND_LABELS: Record<Unit['kind'], string> = {
  office: '县政府及办公室',
  department: '县直部门',
  township: '乡镇',
};
