/**
 * The plugin contract: what Duban needs from the OA it runs inside. An adapter
 * verifies the host's login token, supplies the directory (units, people,
 * roles, liaisons), receives unified to-dos and notifications, and may seal and
 * archive documents. Nothing outside `src/host/` knows which host it runs in.
 */

/** A unit of the host's organisation (县直部门, 乡镇, the office). */
export interface DirectoryUnit {
  id: string;
  name: string;
  kind: 'office' | 'department' | 'township';
  domain?: string;
  sort: number;
}

/** A person of the host's directory. */
export interface DirectoryPerson {
  id: string;
  name: string;
  unitId: string;
  title: string;
  sort: number;
}

/** A role (R1–R15, ADMIN). */
export interface DirectoryRole {
  id: string;
  name: string;
}

/** A person holding a role; `scope` narrows it (R3: the domain overseen). Empty string = no scope. */
export interface RoleGrant {
  personId: string;
  roleId: string;
  scope: string;
}

/** A 县政府办副主任 (R6) liaising with a unit. */
export interface Liaison {
  personId: string;
  unitId: string;
}

/** The full directory as the host publishes it. */
export interface Directory {
  units: DirectoryUnit[];
  people: DirectoryPerson[];
  roles: DirectoryRole[];
  grants: RoleGrant[];
  liaisons: Liaison[];
}

/** Who a verified host token belongs to. */
export interface Identity {
  userId: string;
}

/** A to-do pushed into the host's unified to-do list; `id` is stable, so a retried push is idempotent. */
export interface TodoPush {
  id: string;
  userIds: string[];
  title: string;
  itemTitle: string;
  url: string;
  dueDate?: string;
  createdAt: number;
}

/** A message for people (催办, reminders, 抄送). `id` is stable for idempotent delivery. */
export interface HostNotification {
  id: string;
  userIds: string[];
  title: string;
  body: string;
  url?: string;
  method?: string;
}

/** A request to apply a seal (用印) to a document. */
export interface SealRequest {
  documentId: string;
  seal: 'office' | 'county-head' | string;
  number?: string;
  actorId?: string;
}

/** A request to hand an item's record to the host's archive system. */
export interface ArchiveRequest {
  itemId: string;
  title: string;
  materials: string[];
  documents: { id: string; number: string | null; type: string }[];
}

/** The host adapter: identity, directory, to-dos, notifications, optional seal and archive. */
export interface HostAdapter {
  /** A short name for logs and the health endpoint. */
  readonly name: string;
  /** The county's display name and the short form used in document numbers. */
  county(): { name: string; shortName: string };
  /** Verify a token the host signed; null when invalid or expired. */
  verifyToken(token: string): Promise<Identity | null>;
  /** The directory as the host publishes it. */
  loadDirectory(): Promise<Directory>;
  /** Put a to-do into the host's unified to-do list; pushing the same id again replaces it (new assignees, new deadline). */
  pushTodo(todo: TodoPush): Promise<void>;
  /** Remove a to-do from the host's list. */
  removeTodo(todoId: string): Promise<void>;
  /** Send a notification. */
  notify(notification: HostNotification): Promise<void>;
  /** Apply a seal in the host's seal system; absent when the host has none. `image` is the seal's picture (PNG, base64) to print on the document. */
  seal?(request: SealRequest): Promise<{ sealedAt: number; reference?: string; image?: string }>;
  /** Archive an item's record in the host's archive system; absent when the host has none. */
  archive?(request: ArchiveRequest): Promise<{ reference?: string }>;
}
