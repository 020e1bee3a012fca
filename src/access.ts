/**
 * What the current user may see and do in the web app, from the capabilities the server's
 * policy (processes/policy.json) grants them. Pure: the same user always gives the same
 * answer; the server still checks every action.
 */
import type { CurrentUser } from './services/auth';

/** The permissions of the web app. */
export interface Access {
  isLoggedIn: boolean;
  isAdmin: boolean;
  /** Leaders' approvals come first on the 工作台. */
  isLeader: boolean;
  isOffice: boolean;
  /** May open 发起事项. */
  canStart: boolean;
  /** May open 统计分析. */
  canSeeStats: boolean;
  /** May export the 督查台账. */
  canExport: boolean;
  /** May open 绩效评估 (all units, or the own unit's breakdown). */
  canSeeEvaluation: boolean;
  /** Sees every unit's scores and breakdown in 绩效评估. */
  seesAllEvaluation: boolean;
  /** May edit the evaluation's scheme, review the year and decide appeals (县绩效办). */
  canManageEvaluation: boolean;
  /** May urge (催办) open tasks: by capability, or a liaison those of their units (the server decides per task). */
  canUrge: boolean;
  /** May read the 用印登记簿 (the office's leaders and the seals' keepers). */
  canReadSealRegister: boolean;
}

/** The permissions of a user (or of nobody, when signed out). */
export default function access(user: CurrentUser | null | undefined): Access {
  const caps = new Set(user?.capabilities ?? []);
  return {
    isLoggedIn: !!user,
    isAdmin: caps.has('admin'),
    isLeader: caps.has('leader'),
    isOffice: caps.has('office'),
    canStart: caps.has('item.start'),
    canSeeStats: caps.has('stats.read'),
    canExport: caps.has('item.export'),
    canSeeEvaluation: caps.has('evaluation.readAll') || caps.has('evaluation.appeal') || caps.has('evaluation.manage'),
    canManageEvaluation: caps.has('evaluation.manage'),
    seesAllEvaluation: caps.has('evaluation.readAll') || caps.has('evaluation.manage'),
    canUrge: caps.has('task.urge') || (user?.liaisonUnits.length ?? 0) > 0,
    canReadSealRegister: caps.has('seal.register'),
  };
}

/** Whether a user may start a procedure: its own starter list when the policy has one, else `item.start`. */
export function mayStartProcedure(user: CurrentUser | null | undefined, procedureKey: string): boolean {
  if (!user) return false;
  const own = user.startable?.[procedureKey];
  return own ?? (user.capabilities ?? []).includes('item.start');
}
