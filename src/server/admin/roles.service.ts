/**
 * Role mapping (角色配置) for the embedded host: the administrator decides who holds
 * the supervision roles (with scopes) and which 县政府办副主任 liaise with which units. The mapping
 * is kept as an admin setting and laid over the directory the host publishes, after
 * every start and every save. The host's directory supplies units and people; the
 * roles are Duban's with every host, and "reset" takes the host's published grants again.
 */
import type { AppContext } from '../context';
import { AppError, invalid } from '../errors';
import { deleteSetting, findSetting, replaceRoleGrants, saveSetting } from './admin.repository';

/** The roles an administrator maps: every role of the directory but those holding `admin` (left to the host, so nobody locks themselves out). */
export function mappedRoles(ctx: AppContext): string[] {
  const admin = new Set(ctx.dir.policy.capabilities.admin.roles);
  return ctx.dir.snapshot.roles.map((r) => r.id).filter((id) => !admin.has(id));
}

const SETTING = 'role-mapping';

/** A stored role mapping. */
export interface RoleMapping {
  grants: { personId: string; roleId: string; scope: string }[];
  liaisons: { personId: string; unitId: string }[];
}

/**
 * Whether role mappings can be edited here: always, with every host. R1–R15 and the liaisons exist in no
 * host directory; they are Duban's own and a sync from the host keeps them.
 */
export function mappingEditable(_ctx: AppContext): boolean {
  return true;
}

/** Check a mapping against the directory; throws 422 with field messages. */
export function validateMapping(ctx: AppContext, input: RoleMapping): RoleMapping {
  const fields: { field: string; message: string }[] = [];
  const snap = ctx.dir.snapshot;
  const people = new Set(snap.people.map((p) => p.id));
  const units = new Set(snap.units.map((u) => u.id));
  const grants = new Map<string, RoleMapping['grants'][number]>();
  const mapped = mappedRoles(ctx);
  input.grants.forEach((g, i) => {
    const scope = (g.scope ?? '').trim();
    if (!mapped.includes(g.roleId)) fields.push({ field: `grants.${i}.roleId`, message: `角色“${g.roleId}”不存在或不能在此配置，应为角色表中的督查角色之一` });
    if (!people.has(g.personId)) fields.push({ field: `grants.${i}.personId`, message: `人员“${g.personId}”不在通讯录中` });
    grants.set(`${g.personId}|${g.roleId}|${scope}`, { personId: g.personId, roleId: g.roleId, scope });
  });
  const liaisons = new Map<string, RoleMapping['liaisons'][number]>();
  input.liaisons.forEach((l, i) => {
    if (!people.has(l.personId)) fields.push({ field: `liaisons.${i}.personId`, message: `人员“${l.personId}”不在通讯录中` });
    if (!units.has(l.unitId)) fields.push({ field: `liaisons.${i}.unitId`, message: `单位“${l.unitId}”不存在` });
    liaisons.set(`${l.personId}|${l.unitId}`, l);
  });
  const kept = [...grants.values()];
  for (const role of ctx.dir.policy.roleMapping.required.roles) {
    if (!kept.some((g) => g.roleId === role)) {
      const name = snap.roles.find((r) => r.id === role)?.name ?? role;
      fields.push({ field: `roles.${role}`, message: `角色“${name}”至少需要一名人员` });
    }
  }
  const liaisonRole = ctx.dir.policy.assignments.liaison.role;
  const liaisonPeople = new Set(kept.filter((g) => g.roleId === liaisonRole).map((g) => g.personId));
  for (const l of liaisons.values()) {
    if (!liaisonPeople.has(l.personId)) {
      const name = snap.roles.find((r) => r.id === liaisonRole)?.name ?? liaisonRole;
      fields.push({ field: `liaisons.${l.personId}`, message: `${ctx.dir.personName(l.personId)}未持有“${name}”角色，不能联系单位` });
    }
  }
  if (fields.length) throw invalid('角色配置有误，未保存', fields, 'ROLE_MAPPING_INVALID');
  return { grants: kept, liaisons: [...liaisons.values()] };
}

/** The stored mapping, or null when the host's directory is used as published. */
export async function storedMapping(ctx: AppContext): Promise<{ mapping: RoleMapping; updatedBy: string; updatedAt: number } | null> {
  const row = await findSetting(ctx.db, SETTING);
  if (!row) return null;
  return { mapping: JSON.parse(row.value) as RoleMapping, updatedBy: row.updatedBy, updatedAt: row.updatedAt };
}

/** Lay the stored mapping over the directory cache and reload it (no-op without a mapping or with an external host). */
export async function applyStoredMapping(ctx: AppContext): Promise<void> {
  if (!mappingEditable(ctx)) return;
  const stored = await storedMapping(ctx);
  if (!stored) return;
  const people = new Set(ctx.dir.snapshot.people.map((p) => p.id));
  const units = new Set(ctx.dir.snapshot.units.map((u) => u.id));
  // People or units the host removed since the mapping was saved are dropped, not re-created.
  const grants = stored.mapping.grants.filter((g) => people.has(g.personId));
  const liaisons = stored.mapping.liaisons.filter((l) => people.has(l.personId) && units.has(l.unitId));
  await ctx.db.transaction().execute((trx) => replaceRoleGrants(trx, mappedRoles(ctx), grants, liaisons));
  await ctx.dir.load();
}

/** Save a mapping and apply it at once. */
export async function saveMapping(ctx: AppContext, input: RoleMapping, actorId: string): Promise<RoleMapping> {
  if (!mappingEditable(ctx)) throw new AppError('ROLE_MAPPING_READONLY', '当前接入的 OA 负责维护人员与角色，请在 OA 中调整', { status: 409 });
  const mapping = validateMapping(ctx, input);
  await ctx.db.transaction().execute(async (trx) => {
    await saveSetting(trx, { key: SETTING, value: JSON.stringify(mapping), updatedBy: actorId, updatedAt: ctx.now() });
    await replaceRoleGrants(trx, mappedRoles(ctx), mapping.grants, mapping.liaisons);
  });
  await ctx.dir.load();
  return mapping;
}

/** Forget the mapping and go back to the host's directory. */
export async function resetMapping(ctx: AppContext): Promise<void> {
  if (!mappingEditable(ctx)) throw new AppError('ROLE_MAPPING_READONLY', '当前接入的 OA 负责维护人员与角色，请在 OA 中调整', { status: 409 });
  await deleteSetting(ctx.db, SETTING);
  await ctx.dir.sync({ reseed: true, now: ctx.now() });
}
