/** Durable timers and the transactional outbox. Nothing is kept only in memory. */

export interface TimerTable {
  /** `${instanceId}:${engine timer id}`. */
  id: string;
  instanceId: string;
  itemId: string;
  timerKey: string;
  kind: string;
  fireAt: number;
  payload: string;
  claimedBy: string | null;
  claimedAt: number | null;
  done: number;
  /** Failed attempts; a failing timer backs off through `fireAt`. */
  attempts: number;
  lastError: string | null;
}

export interface JobTable {
  id: string;
  kind: string;
  payload: string;
  attempts: number;
  nextAttemptAt: number;
  done: number;
  lastError: string | null;
  createdAt: number;
  doneAt: number | null;
}
