/**
 * The system log (操作日志): one row per change an administrator makes outside any item.
 * Written after the change succeeded, read by administrators only, never changed.
 */
import type { Generated } from 'kysely';
import type { Conn } from '../db/database';
import type { Principal } from '../directory/directory.service';
import { insertSystemLog, pageSystemLog } from './system-log.repository';

/** A row of the system log. */
export interface SystemLogTable {
  id: Generated<number>;
  at: number;
  actorId: string;
  actorName: string;
  action: string;
  target: string;
  detail: string;
}

/** What each action is called on the page. */
export const SYSTEM_ACTIONS: Record<string, string> = {
  'definition.deploy': '部署流程',
  'form.deploy': '部署表单',
  'calendar.import': '导入年度日历',
  'calendar.override': '调整工作日',
  'calendar.override.remove': '撤销工作日调整',
  'roles.save': '保存角色配置',
  'roles.reset': '恢复通讯录中的角色',
  'backup.create': '数据备份',
  'backup.download': '下载备份',
  'template.upload': '上传公文模板',
  'evaluation.scheme': '保存绩效评估方案',
};

/** Record a change made by an administrator. */
export async function recordSystem(db: Conn, actor: Principal, action: keyof typeof SYSTEM_ACTIONS, target: string, detail: Record<string, unknown>, at: number): Promise<void> {
  await insertSystemLog(db, { at, actorId: actor.id, actorName: actor.name, action, target, detail: JSON.stringify(detail) });
}

/** A page of the log, newest first, optionally of one action. */
export async function listSystemLog(db: Conn, opts: { page: number; pageSize: number; action?: string }) {
  const { total, rows } = await pageSystemLog(db, { limit: opts.pageSize, offset: (opts.page - 1) * opts.pageSize, action: opts.action });
  return {
    total,
    page: opts.page,
    pageSize: opts.pageSize,
    rows: rows.map((r) => ({ ...r, id: Number(r.id), actionName: SYSTEM_ACTIONS[r.action] ?? r.action, detail: JSON.parse(r.detail) as Record<string, unknown> })),
  };
}
