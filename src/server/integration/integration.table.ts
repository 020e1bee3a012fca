/** Host integration tables: the to-do lifecycle at the host, sign-in codes, signed-out tokens. */

export interface TodoRevisionTable {
  /** Duban's to-do id (the task id). */
  todoId: string;
  /** The last revision written to the outbox. */
  issued: number;
  /** The last revision delivered to the host; an older job is dropped. */
  delivered: number;
  /** While a worker delivers one of the to-do's jobs, no other worker delivers another. */
  leasedUntil: number | null;
}

export interface HostTodoTable {
  todoId: string;
  personId: string;
  /** The id the host issued for this person's copy (钉钉's task id), when it issues one. */
  hostId: string | null;
  /** JSON of the person as last delivered (name, identifiers), so a person who left the directory can still be addressed. */
  assignee: string;
  revision: number;
  /** open, done, cancelled. */
  state: string;
  updatedAt: number;
}

export interface SsoCodeTable {
  /** One-time code handed to the browser after a host sign-in, exchanged for a session token. */
  code: string;
  personId: string;
  /** oidc, cas. */
  method: string;
  /** The page to open (a hash route such as /tasks/…). */
  target: string;
  expiresAt: number;
  usedAt: number | null;
}

export interface RevokedTokenTable {
  jti: string;
  /** Kept until the token would have expired anyway. */
  expiresAt: number;
}
