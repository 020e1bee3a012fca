/**
 * Shared Chinese wording of the web app: names of lights, statuses, actions and
 * methods that several pages show. Page-specific text stays in the page.
 */
import { URGE_METHODS } from '@/engine/vocabulary';

/** Warning lights (X2): on track, due soon, overdue. */
export const LIGHT_LABELS: Record<string, string> = {
  green: '正常',
  yellow: '临期',
  red: '超期',
};

/** Item statuses. */
export const ITEM_STATUS_LABELS: Record<string, string> = {
  running: '办理中',
  completed: '已办结',
  terminated: '已终止',
};

/** Task statuses. */
export const TASK_STATUS_LABELS: Record<string, string> = {
  open: '待办',
  completed: '已办',
  cancelled: '已取消',
};

/** Methods of urging (催办), X2: the engine's vocabulary. */
export const URGE_METHOD_LABELS: Record<string, string> = URGE_METHODS;

/** Extension request statuses (X7). */
export const EXTENSION_STATUS_LABELS: Record<string, string> = {
  pending: '审批中',
  approved: '已批准',
  rejected: '未批准',
};

/** Task actions besides completing it. */
export const TASK_ACTION_LABELS: Record<string, string> = {
  complete: '提交',
  sendBack: '退回',
  withdraw: '撤回',
  reassign: '转办',
  delegate: '委派',
  addSigner: '加签',
  urge: '催办',
  extend: '申请延期',
  requestExtension: '申请延期',
};

/** Audit actions as shown in an item's timeline; unknown actions are shown as recorded. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'item.created': '登记事项',
  'instance.started': '启动流程',
  'instance.completed': '流程办结',
  'instance.terminated': '终止办理',
  'terminate-end': '终止办理',
  'child.started': '分办子事项',
  'task.completed': '办理',
  'task.sentBack': '退回',
  'task.withdrawn': '撤回',
  'task.reassigned': '转办',
  'task.delegated': '委派',
  'delegate.resolved': '委派办毕',
  'task.signerAdded': '加签',
  'task.urged': '催办',
  'task.extended': '延期',
  'task.overdue': '超期',
  'activity.overdue': '超期',
  'task.noCandidates': '无人可办',
  'extension.requested': '申请延期',
  'extension.reviewed': '审核延期申请',
  'extension.decided': '审定延期申请',
  'extension.approved': '延期生效',
  'extension.skipped': '延期未生效',
  'timer.fired': '定时到达',
  'message.received': '收到消息',
  'signal.received': '收到信号',
  'message.undeliverable': '消息未能送达',
  'attachment.uploaded': '上传附件',
  'document.numbered': '公文编号',
  'document.generated': '生成公文',
  'document.sealed': '用印',
  'seal.skipped': '用印跳过',
  'notify.sent': '抄送通知',
  'item.archived': '归档',
  'evaluation.scored': '绩效计分',
  'evaluation.recorded': '计入绩效考核',
  'evaluation.collected': '汇总日常考核数据',
  'evaluation.published': '公布绩效评估结果',
  'evaluation.appealed': '绩效考核申诉',
  'evaluation.appealDecided': '裁定绩效考核申诉',
  'evaluation.recomputed': '申诉裁定后重新计分',
  'variables.set': '修改事项信息',
  boundary: '边界事件',
  'error.caught': '异常处理',
  'service.failed': '自动环节失败',
};
