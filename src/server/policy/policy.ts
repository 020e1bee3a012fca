/**
 * Who may do what, as data: `processes/policy.json` maps each capability to the roles that
 * hold it and names the roles the runtime itself needs (the fallback handler, a unit's
 * handlers, the liaisons). The server's checks and the web's `access.ts` read the same table;
 * no role id is written into code.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors';

/** The capabilities the product checks; a policy file names the roles holding each. */
export const CAPABILITIES = [
  'item.start',
  'item.readAll',
  'item.readUnit',
  'item.message',
  'item.terminate',
  'item.export',
  'task.urge',
  'stats.read',
  'seal.register',
  'evaluation.manage',
  'evaluation.readAll',
  'evaluation.appeal',
  'office',
  'leader',
  'admin',
] as const;

/** A capability id. */
export type Capability = (typeof CAPABILITIES)[number];

/** The roles the runtime needs by function. */
export const ASSIGNMENT_ROLES = ['fallback', 'unitHandler', 'liaison'] as const;

/** A role needed by function. */
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

/** One capability: its Chinese name, the roles holding it, and (item.start) per-procedure overrides. */
export interface CapabilityRule {
  name: string;
  roles: string[];
  /** item.start only: a procedure key → the roles that may start that procedure instead. */
  procedures?: Record<string, string[]>;
}

/** A seal (X4): its name, the role keeping it (who approves and applies it), and the role that must sign first. */
export interface SealRule {
  name: string;
  keeper: string;
  /** The role whose approval on the item must precede the seal (县长印章: after 县长签发). */
  signedBy?: string;
}

/** A loaded, checked policy. */
export interface Policy {
  capabilities: Record<Capability, CapabilityRule>;
  seals: Record<string, SealRule>;
  assignments: Record<AssignmentRole, { name: string; role: string }>;
  roleMapping: { required: { name: string; roles: string[] }; scoped: { name: string; roles: string[] } };
}

/** The policy file shipped with the product. */
export const BUNDLED_POLICY_FILE = fileURLToPath(new URL('../../../processes/policy.json', import.meta.url));

const invalidPolicy = (file: string, message: string, cause?: unknown) =>
  new AppError('POLICY_INVALID', `权限配置文件 ${file} 有误：${message}`, { status: 500, cause });

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() !== '');

/** Check a parsed policy; every problem is named in Chinese. `roleIds`, when given, are the roles a role may be. */
export function checkPolicy(raw: unknown, file = 'policy.json', roleIds?: string[]): Policy {
  if (!raw || typeof raw !== 'object') throw invalidPolicy(file, '内容应为一个 JSON 对象');
  const r = raw as Record<string, any>;
  const problems: string[] = [];
  const known = roleIds ? new Set(roleIds) : undefined;
  const roles = (list: unknown, where: string): string[] => {
    if (!isStringList(list)) {
      problems.push(`“${where}”的 roles 应为角色编号的列表`);
      return [];
    }
    for (const id of list) if (known && !known.has(id)) problems.push(`“${where}”中的角色“${id}”不在角色表中`);
    return list;
  };
  const capabilities = {} as Record<Capability, CapabilityRule>;
  for (const id of CAPABILITIES) {
    const c = r.capabilities?.[id];
    if (!c || typeof c !== 'object') {
      problems.push(`缺少权限“${id}”`);
      continue;
    }
    const rule: CapabilityRule = { name: typeof c.name === 'string' ? c.name : id, roles: roles(c.roles, id) };
    if (c.procedures !== undefined) {
      if (id !== 'item.start' || typeof c.procedures !== 'object' || Array.isArray(c.procedures)) problems.push(`“${id}”的 procedures 只能用于登记权限，且应为“流程标识 → 角色列表”`);
      else rule.procedures = Object.fromEntries(Object.entries(c.procedures).map(([k, v]) => [k, roles(v, `${id}.procedures.${k}`)]));
    }
    capabilities[id] = rule;
  }
  for (const id of Object.keys(r.capabilities ?? {})) if (!(CAPABILITIES as readonly string[]).includes(id)) problems.push(`未知的权限“${id}”`);
  const assignments = {} as Policy['assignments'];
  for (const id of ASSIGNMENT_ROLES) {
    const a = r.assignments?.[id];
    if (!a || typeof a.role !== 'string' || !a.role) problems.push(`assignments.${id} 应指定一个角色（role）`);
    else {
      if (known && !known.has(a.role)) problems.push(`assignments.${id} 的角色“${a.role}”不在角色表中`);
      assignments[id] = { name: typeof a.name === 'string' ? a.name : id, role: a.role };
    }
  }
  const group = (g: any, where: string) => ({ name: typeof g?.name === 'string' ? g.name : where, roles: roles(g?.roles, where) });
  const roleMapping = { required: group(r.roleMapping?.required, 'roleMapping.required'), scoped: group(r.roleMapping?.scoped, 'roleMapping.scoped') };
  const seals: Record<string, SealRule> = {};
  for (const [id, v] of Object.entries((r.seals ?? {}) as Record<string, any>)) {
    if (!v || typeof v.keeper !== 'string' || !v.keeper) {
      problems.push(`seals.${id} 应指定保管人角色（keeper）`);
      continue;
    }
    if (known && !known.has(v.keeper)) problems.push(`seals.${id} 的保管人角色“${v.keeper}”不在角色表中`);
    if (v.signedBy !== undefined && (typeof v.signedBy !== 'string' || (known && !known.has(v.signedBy)))) problems.push(`seals.${id} 的签发角色“${v.signedBy}”不在角色表中`);
    seals[id] = { name: typeof v.name === 'string' ? v.name : id, keeper: v.keeper, ...(typeof v.signedBy === 'string' ? { signedBy: v.signedBy } : {}) };
  }
  if (problems.length) throw invalidPolicy(file, problems.join('；'));
  return { capabilities, assignments, roleMapping, seals };
}

/** Read and check a policy file. */
export function loadPolicy(file = process.env.DUBAN_POLICY_FILE || BUNDLED_POLICY_FILE): Policy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw invalidPolicy(file, '无法读取', err);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw invalidPolicy(file, '不是有效的 JSON', err);
  }
  return checkPolicy(raw, file);
}

/** The capabilities a set of roles holds under a policy. */
export function capabilitiesOf(policy: Policy, roles: readonly string[]): Capability[] {
  const held = new Set(roles);
  return CAPABILITIES.filter((c) => policy.capabilities[c].roles.some((r) => held.has(r)) || (c === 'item.start' && Object.values(policy.capabilities[c].procedures ?? {}).some((list) => list.some((r) => held.has(r)))));
}

/** Whether roles may start a procedure: its own list when the policy names one, else the general one. */
export function mayStart(policy: Policy, roles: readonly string[], procedureKey: string): boolean {
  const rule = policy.capabilities['item.start'];
  const list = rule.procedures?.[procedureKey] ?? rule.roles;
  return list.some((r) => roles.includes(r));
}

/** The procedure keys with their own starter list, and those lists (for the web's start page). */
export function startOverrides(policy: Policy): Record<string, string[]> {
  return { ...(policy.capabilities['item.start'].procedures ?? {}) };
}
