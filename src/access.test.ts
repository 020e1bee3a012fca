import { describe, expect, it } from 'vitest';
import access, { mayStartProcedure } from './access';
import type { CurrentUser } from './services/auth';

const user = (capabilities: string[], extra: Partial<CurrentUser> = {}): CurrentUser => ({
  id: 'u',
  name: '测试',
  unitId: 'x',
  unitName: '单位',
  title: '',
  roles: [],
  roleNames: [],
  liaisonUnits: [],
  capabilities,
  isAdmin: false,
  isOffice: false,
  seesAllItems: false,
  ...extra,
});

describe('access', () => {
  it('opens the 用印登记簿 to holders of seal.register only', () => {
    expect(access(user(['seal.register', 'item.readAll'])).canReadSealRegister).toBe(true);
    expect(access(user(['admin', 'item.readAll'])).canReadSealRegister).toBe(false);
  });

  it('gives nothing to a signed-out visitor', () => {
    const a = access(null);
    expect(a.isLoggedIn).toBe(false);
    expect(Object.entries(a).filter(([, v]) => v)).toEqual([]);
  });

  it('follows the capabilities the policy grants: a leader sees statistics and urges but does not register', () => {
    const a = access(user(['leader', 'item.readAll', 'stats.read', 'task.urge', 'item.export']));
    expect(a).toMatchObject({ isLeader: true, canSeeStats: true, canUrge: true, canExport: true, canStart: false, isAdmin: false });
  });

  it('lets the office register, urge and manage items', () => {
    const a = access(user(['office', 'item.start', 'item.readAll', 'task.urge', 'stats.read']));
    expect(a).toMatchObject({ isOffice: true, canStart: true, canUrge: true, isLeader: false });
  });

  it('gives a unit handler only what its capabilities say; a liaison may urge their units', () => {
    expect(access(user(['item.readUnit']))).toMatchObject({ canStart: false, canExport: false, canUrge: false, canSeeStats: false, canReadSealRegister: false });
    expect(access(user([], { liaisonUnits: ['jyj'] })).canUrge).toBe(true);
    expect(access(user(['admin'])).isAdmin).toBe(true);
  });

  it('starts a procedure with a starter list of its own only when that list allows', () => {
    const u = user(['item.start'], { startable: { 'p5-order': false } });
    expect(mayStartProcedure(u, 'p5-order')).toBe(false);
    expect(mayStartProcedure(u, 'p1-decision')).toBe(true);
    expect(mayStartProcedure(user([], { startable: { 'p5-order': true } }), 'p5-order')).toBe(true);
  });
});
