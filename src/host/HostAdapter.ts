/**
 * The plugin contract: what Duban needs from the OA it runs inside. An adapter
 * supplies the directory (units, people with their host identifiers, roles,
 * liaisons), receives the to-do lifecycle (upsert, done, cancelled) and notifications, and may seal and
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

/** The host identifiers a person may carry; each adapter addresses people by the one its platform uses. */
export interface PersonIdentifiers {
  /** Login name (泛微 loginid, CAS user, OIDC preferred_username). */
  login?: string;
  /** 工号. */
  employeeNo?: string;
  mobile?: string;
  /** 钉钉 unionId. */
  unionId?: string;
  /** 钉钉/微信 openId. */
  openId?: string;
}

/** The kinds of host identifier, in the order a sign-in tries them when none is configured. */
export const IDENTIFIER_KINDS = ['login', 'employeeNo', 'mobile', 'unionId', 'openId'] as const;
/** One kind of host identifier. */
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** A person of the host's directory. */
export interface DirectoryPerson {
  id: string;
  name: string;
  unitId: string;
  title: string;
  sort: number;
  /** The person's identifiers at the host (absent: only `id`). */
  identifiers?: PersonIdentifiers;
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

/** A person a to-do is for, with what the host knows them by. */
export interface TodoAssignee {
  id: string;
  name: string;
  identifiers: PersonIdentifiers;
  /** The id the host issued for this person's copy of the to-do, when it issued one. */
  hostId?: string;
}

/**
 * A to-do put into (or updated in) the host's unified to-do list. `id` is Duban's and stable; `revision`
 * only increases, so a host may drop anything older than what it holds. The outbox never delivers an older
 * revision after a newer one.
 */
export interface TodoUpsert {
  id: string;
  revision: number;
  /** `环节：事项标题`. */
  title: string;
  itemTitle: string;
  /** The step's name (办理, 审核 …). */
  stepName: string;
  /** The procedure's name (督查督办, 领导批示件办理 …). */
  procedureName: string;
  /** Where a click lands, signed in: PC and mobile entry URLs (absolute when a public URL is set). */
  pcUrl: string;
  mobileUrl: string;
  /** Who sent it (the item's registrant). */
  sender: { id: string; name: string; identifiers: PersonIdentifiers };
  dueDate?: string;
  dueAt?: number;
  createdAt: number;
  /** Who holds the to-do now; people no longer listed have been cancelled first. */
  assignees: TodoAssignee[];
}

/** A to-do done (已办) by one person. */
export interface TodoDone {
  id: string;
  revision: number;
  /** The upsert's fields as last delivered (a host that keeps no state sends them again). */
  todo: Omit<TodoUpsert, 'assignees' | 'revision'>;
  assignee: TodoAssignee;
  doneAt: number;
  /** The item ended with this step (办结): hosts that tell 已办 from 办结 (泛微's isremark 4) show it so. */
  finished?: boolean;
}

/** A to-do taken away (removed) from some people: handled by someone else, withdrawn, the item ended. */
export interface TodoCancel {
  id: string;
  revision: number;
  assignees: TodoAssignee[];
}

/** What the host answered to an upsert: the ids it issued, per Duban person id. */
export interface TodoUpsertResult {
  hostIds?: Record<string, string>;
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
  /** Verify a token the host signed itself (other than Duban's own session JWT); null when invalid or expired. */
  verifyToken?(token: string): Promise<Identity | null>;
  /** The directory as the host publishes it. */
  loadDirectory(): Promise<Directory>;
  /** Put a to-do into the host's unified to-do list, or update it; the same id and revision again is a no-op at the host. */
  upsertTodo(todo: TodoUpsert): Promise<TodoUpsertResult>;
  /** Mark one person's copy of a to-do done (已办). */
  completeTodo(done: TodoDone): Promise<void>;
  /** Remove a to-do from some people's lists. */
  cancelTodo(cancel: TodoCancel): Promise<void>;
  /** Send a notification. */
  notify(notification: HostNotification): Promise<void>;
  /** Apply a seal in the host's seal system; absent when the host has none. `image` is the seal's picture (PNG, base64) to print on the document. */
  seal?(request: SealRequest): Promise<{ sealedAt: number; reference?: string; image?: string }>;
  /** Archive an item's record in the host's archive system; absent when the host has none. */
  archive?(request: ArchiveRequest): Promise<{ reference?: string }>;
}
