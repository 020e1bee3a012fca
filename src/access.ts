/**
 * What the current user may see and do in the web app, derived from their roles.
 * Pure: the same user always gives the same answer; the server still checks every action.
 */
import type { CurrentUser } from './services/auth';

/** Leader roles (R1–R5): their approvals come first on the 工作台. */
export const LEADER_ROLES = ['R1', 'R2', 'R3', 'R4', 'R5'];

/** Roles that register items (发起事项): the office, business departments, the 文秘室, the 绩效办. */
export const STARTER_ROLES = ['R7', 'R8', 'R9', 'R11', 'R15'];

/** The permissions of the web app. */
export interface Access {
  isLoggedIn: boolean;
  isAdmin: boolean;
  isLeader: boolean;
  isOffice: boolean;
  /** May open 发起事项. */
  canStart: boolean;
  /** May open 统计分析 (everyone who reads every item). */
  canSeeStats: boolean;
  /** May export the 督查台账. */
  canExport: boolean;
  /** May urge (催办) open tasks: the office and leaders; a liaison (R6) those of their units (the server decides per task). */
  canUrge: boolean;
}

/** The permissions of a user (or of nobody, when signed out). */
export default function access(user: CurrentUser | null | undefined): Access {
  const roles = new Set(user?.roles ?? []);
  const has = (list: string[]) => list.some((r) => roles.has(r));
  const isAdmin = !!user?.isAdmin;
  const isOffice = !!user?.isOffice;
  const seesAll = !!user?.seesAllItems;
  return {
    isLoggedIn: !!user,
    isAdmin,
    isLeader: has(LEADER_ROLES),
    isOffice,
    canStart: has(STARTER_ROLES),
    canSeeStats: seesAll || isAdmin,
    canExport: seesAll || isAdmin || has(['R6', 'R11']),
    canUrge: isOffice || has(LEADER_ROLES) || has(['R6']),
  };
}
