/** Task rows (one per user task, open or closed). */

export type TaskStatus = 'open' | 'completed' | 'cancelled';

export interface TaskTable {
  /** `${instanceId}:${engine task id}`. */
  id: string;
  instanceId: string;
  itemId: string;
  taskKey: string;
  elementId: string;
  name: string;
  formKey: string | null;
  kind: string;
  assignType: string;
  assignValue: string;
  assignScope: string;
  /** Delegation (委派): the original assignee the task returns to. */
  ownerType: string | null;
  ownerValue: string | null;
  /** JSON list of person ids resolved from the assignment when the task was created or changed. */
  candidates: string;
  dueDate: string | null;
  dueAt: number | null;
  originalDueDate: string | null;
  warnAt: number | null;
  suspended: number;
  status: TaskStatus;
  outcome: string | null;
  opinion: string | null;
  /** 1 when the outcome is one the diagram declares negative (不同意, 重办…). */
  negative: number;
  /** JSON form data submitted at completion. */
  formData: string | null;
  actorId: string | null;
  actorName: string | null;
  urges: number;
  createdAt: number;
  completedAt: number | null;
  /** Engine sequence number of the command that created the task (for 撤回). */
  origin: number;
}
