import { describe, expect, it } from 'vitest';
import access from './access';
import type { CurrentUser } from './services/auth';

const user = (roles: string[], extra: Partial<CurrentUser> = {}): CurrentUser => ({
  id: 'u',
  name: '测试',
  unitId: 'x',
  unitName: '单位',
  title: '',
  roles,
  roleNames: [],
  liaisonUnits: [],
  isAdmin: false,
  isOffice: false,
  seesAllItems: false,
  ...extra,
});

describe('access', () => {
  it('gives nothing to a signed-out visitor', () => {
    const a = access(null);
    expect(a.isLoggedIn).toBe(false);
    expect(Object.entries(a).filter(([, v]) => v)).toEqual([]);
  });

  it('treats R1–R5 as leaders who see statistics but do not register items', () => {
    const a = access(user(['R1', 'R14'], { seesAllItems: true }));
    expect(a.isLeader).toBe(true);
    expect(a.canSeeStats).toBe(true);
    expect(a.canStart).toBe(false);
    expect(a.canUrge).toBe(true);
  });

  it('lets the office register, urge and export', () => {
    const a = access(user(['R8', 'R13'], { isOffice: true, seesAllItems: true }));
    expect(a).toMatchObject({ isLeader: false, canStart: true, canUrge: true, canExport: true, canSeeStats: true });
  });

  it('keeps a unit handler to its own work', () => {
    const a = access(user(['R12']));
    expect(a).toMatchObject({ isLoggedIn: true, isLeader: false, canStart: false, canSeeStats: false, canExport: false, canUrge: false, isAdmin: false });
  });

  it('lets a business department (R11) register and export, and the administrator administer', () => {
    expect(access(user(['R12', 'R11'])).canStart).toBe(true);
    expect(access(user(['R12', 'R11'])).canExport).toBe(true);
    expect(access(user(['ADMIN'], { isAdmin: true })).isAdmin).toBe(true);
  });
});
