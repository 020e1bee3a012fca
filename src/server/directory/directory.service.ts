import type { Directory, DirectoryPerson, DirectoryUnit, HostAdapter } from '../../host/HostAdapter';
import type { Assignment } from '../../engine/types';
import type { Db } from '../db/database';
import { capabilitiesOf, type Capability, type Policy } from '../policy/policy';
import { randomUUID } from 'node:crypto';
import { IDENTIFIER_KINDS, type IdentifierKind } from '../../host/HostAdapter';
import { insertJob } from '../scheduler/job.repository';
import { hasGrants, insertSyncReport, openTasksOf, readDirectory, replaceDirectory } from './directory.repository';

/** What one directory sync changed. */
export interface SyncReport {
  at: number;
  source: string;
  units: number;
  people: number;
  added: { id: string; name: string; unitId: string }[];
  moved: { id: string; name: string; from: string; to: string }[];
  removed: { id: string; name: string; unitId: string }[];
  /** Removed people who still hold open tasks: flagged to the fallback role (R8) for 转办. */
  flagged: { id: string; name: string; tasks: { id: string; itemId: string; name: string }[]; notified: string[] }[];
  /** Whether the host's role grants were taken (first sync, or a reset); otherwise Duban's were kept. */
  seededGrants: boolean;
}

/** The signed-in user with everything access checks need. */
export interface Principal {
  id: string;
  name: string;
  unitId: string;
  unitName: string;
  title: string;
  /** Role ids held (those of the directory's role table). */
  roles: string[];
  grants: { roleId: string; scope: string }[];
  /** The liaison role: units this person liaises with. */
  liaisonUnits: string[];
  /** What the policy lets this person do (processes/policy.json). */
  capabilities: Capability[];
  /** Holds `admin`. */
  isAdmin: boolean;
  /** Holds `item.readAll`: reads every item. */
  seesAllItems: boolean;
  /** Holds `office`: manages any item. */
  isOffice: boolean;
  /** Holds the unit-handler role: receives the tasks of their own unit. */
  handlesUnit: boolean;
  /** The seals this person keeps (their role is the seal's keeper in the policy): approves and applies them. */
  sealsKept: string[];
}

/** The directory, cached in the database and held in memory for access checks and candidate resolution. */
export class DirectoryService {
  #dir: Directory = { units: [], people: [], roles: [], grants: [], liaisons: [] };
  #people = new Map<string, DirectoryPerson>();
  #units = new Map<string, DirectoryUnit>();
  #loadedAt = 0;

  constructor(
    private readonly db: Db,
    private readonly host: HostAdapter,
    readonly policy: Policy,
  ) {}

  /** The role whose holders in a unit receive the unit's tasks. */
  get handlerRole(): string {
    return this.policy.assignments.unitHandler.role;
  }

  /** Whether a principal holds a capability. */
  can(p: Principal, capability: Capability): boolean {
    return p.capabilities.includes(capability);
  }

  /**
   * Pull the directory from the host into the database cache, then into memory. Units, people and their
   * identifiers follow the host; role grants and liaisons are Duban's and kept (the host's seed them on the
   * first sync, or when `reseed`). The report, written in the same transaction, lists who was added, moved
   * and removed; a removed person still holding open tasks is flagged to the fallback role for 转办.
   */
  async sync(options: { reseed?: boolean; now?: number } = {}): Promise<SyncReport> {
    const dir = await this.host.loadDirectory();
    const now = options.now ?? Date.now();
    const report = await this.db.transaction().execute(async (trx) => {
      const before = await readDirectory(trx);
      const seedGrants = options.reseed === true || !(await hasGrants(trx));
      await replaceDirectory(trx, dir, { seedGrants });
      const was = new Map(before.people.map((p) => [p.id, p]));
      const is = new Map(dir.people.map((p) => [p.id, p]));
      const r: SyncReport = {
        at: now,
        source: this.host.name,
        units: dir.units.length,
        people: dir.people.length,
        added: dir.people.filter((p) => !was.has(p.id)).map((p) => ({ id: p.id, name: p.name, unitId: p.unitId })),
        moved: dir.people.filter((p) => was.has(p.id) && was.get(p.id)!.unitId !== p.unitId).map((p) => ({ id: p.id, name: p.name, from: was.get(p.id)!.unitId, to: p.unitId })),
        removed: before.people.filter((p) => !is.has(p.id)).map((p) => ({ id: p.id, name: p.name, unitId: p.unitId })),
        flagged: [],
        seededGrants: seedGrants,
      };
      const after = await readDirectory(trx);
      const fallback = this.policy.assignments.fallback.role;
      const present = new Set(after.people.map((p) => p.id));
      const officers = [...new Set(after.grants.filter((g) => g.roleId === fallback && present.has(g.personId)).map((g) => g.personId))];
      for (const p of r.removed) {
        const tasks = await openTasksOf(trx, p.id);
        if (!tasks.length) continue;
        r.flagged.push({ id: p.id, name: p.name, tasks, notified: officers });
        await insertJob(trx, {
          id: randomUUID(),
          kind: 'notify',
          createdAt: now,
          payload: JSON.stringify({
            id: randomUUID(),
            userIds: officers,
            title: `【人员变动】${p.name}已离开通讯录，名下仍有${tasks.length}项待办`,
            body: `通讯录同步时，${p.name}（原${before.units.find((u) => u.id === p.unitId)?.name ?? p.unitId}）已不在 OA 通讯录中，其名下尚有待办：${tasks.map((t) => t.name).join('、')}。请及时转办。`,
            url: `/#/tasks/${encodeURIComponent(tasks[0].id)}`,
          }),
        });
      }
      await insertSyncReport(trx, { id: randomUUID(), at: now, source: this.host.name, report: JSON.stringify(r) });
      return { r, after };
    });
    this.#set(report.after);
    return report.r;
  }

  /** The person a host identifier names: by `kind` when given, else by id and then every kind in turn. */
  findByIdentifier(value: string, kind?: IdentifierKind | 'id'): DirectoryPerson | undefined {
    if (!value) return undefined;
    if (kind === 'id') return this.#people.get(value);
    const kinds = kind ? [kind] : IDENTIFIER_KINDS;
    if (!kind && this.#people.has(value)) return this.#people.get(value);
    for (const k of kinds) {
      const p = this.#dir.people.find((x) => x.identifiers?.[k] === value);
      if (p) return p;
    }
    return undefined;
  }

  /** Load the cached directory from the database (another node may have synced it). */
  async load(): Promise<void> {
    this.#set(await readDirectory(this.db));
  }

  /** Reload when older than `maxAgeMs`. */
  async refreshIfStale(now: number, maxAgeMs = 60_000): Promise<void> {
    if (now - this.#loadedAt > maxAgeMs) await this.load();
  }

  #set(dir: Directory) {
    this.#dir = dir;
    this.#people = new Map(dir.people.map((p) => [p.id, p]));
    this.#units = new Map(dir.units.map((u) => [u.id, u]));
    this.#loadedAt = Date.now();
  }

  /** The whole directory. */
  get snapshot(): Directory {
    return this.#dir;
  }

  person(id: string): DirectoryPerson | undefined {
    return this.#people.get(id);
  }

  unit(id: string): DirectoryUnit | undefined {
    return this.#units.get(id);
  }

  /** A unit's display name, or the id itself when unknown. */
  unitName(id: string): string {
    return this.#units.get(id)?.name ?? id;
  }

  /** A person's display name, or the id itself when unknown. */
  personName(id: string): string {
    return this.#people.get(id)?.name ?? id;
  }

  /** The people liaising with a unit (its 联系副主任, R6), in directory order. */
  liaisonsOf(unitId: string): string[] {
    return unique(this.#dir.liaisons.filter((l) => l.unitId === unitId).map((l) => l.personId));
  }

  /** Build the principal of a person, or null when the person is not in the directory. */
  principal(id: string): Principal | null {
    const p = this.#people.get(id);
    if (!p) return null;
    const grants = this.#dir.grants.filter((g) => g.personId === id).map((g) => ({ roleId: g.roleId, scope: g.scope }));
    const roles = [...new Set(grants.map((g) => g.roleId))];
    const capabilities = capabilitiesOf(this.policy, roles);
    return {
      id: p.id,
      name: p.name,
      unitId: p.unitId,
      unitName: this.unitName(p.unitId),
      title: p.title,
      roles,
      grants,
      liaisonUnits: this.#dir.liaisons.filter((l) => l.personId === id).map((l) => l.unitId),
      capabilities,
      isAdmin: capabilities.includes('admin'),
      seesAllItems: capabilities.includes('item.readAll'),
      isOffice: capabilities.includes('office'),
      handlesUnit: roles.includes(this.handlerRole),
      sealsKept: Object.entries(this.policy.seals).filter(([, rule]) => roles.includes(rule.keeper)).map(([id]) => id),
    };
  }

  /** The people an assignment reaches today (for to-do pushes and display). */
  resolve(a: Pick<Assignment, 'type' | 'value' | 'scope'>): string[] {
    const d = this.#dir;
    switch (a.type) {
      case 'user':
        return this.#people.has(a.value) ? [a.value] : [];
      case 'role':
        return unique(d.grants.filter((g) => g.roleId === a.value && this.#scopeMatches(a.scope, g.scope, g.personId)).map((g) => g.personId));
      case 'unit': {
        const inUnit = new Set(d.people.filter((p) => p.unitId === a.value).map((p) => p.id));
        return unique(d.grants.filter((g) => g.roleId === this.handlerRole && inUnit.has(g.personId)).map((g) => g.personId));
      }
      case 'liaison':
        return unique(d.liaisons.filter((l) => l.unitId === a.value).map((l) => l.personId));
      case 'seal': {
        const keeper = this.policy.seals[a.value]?.keeper;
        return keeper ? unique(d.grants.filter((g) => g.roleId === keeper).map((g) => g.personId)) : [];
      }
      default:
        return [];
    }
  }

  /** The name of a seal, as the policy gives it. */
  sealName(seal: string): string {
    return this.policy.seals[seal]?.name ?? seal;
  }

  /** Whether a principal is a candidate of an assignment; same rules as the SQL in tasks/task.repository. */
  isCandidate(p: Principal, a: { type: string; value: string; scope?: string | null }): boolean {
    switch (a.type) {
      case 'user':
        return a.value === p.id;
      case 'role':
        return p.grants.some((g) => g.roleId === a.value && this.#scopeMatches(a.scope, g.scope, p.id));
      case 'unit':
        return p.unitId === a.value && p.handlesUnit;
      case 'liaison':
        return p.liaisonUnits.includes(a.value);
      case 'seal':
        return p.sealsKept.includes(a.value);
      default:
        return false;
    }
  }

  /**
   * Whether a grant serves a scoped role. The scope names a domain (R3 of 教育科技), or
   * one person: their id, or free text holding their name (a 交办领导 scope such as '王建国县长'). Keep in
   * step with `candidateOf` in tasks/task.repository.
   */
  #scopeMatches(scope: string | null | undefined, grantScope: string, personId: string): boolean {
    if (!scope) return true;
    if (grantScope === scope || personId === scope) return true;
    const name = this.#people.get(personId)?.name;
    return !!name && scope.includes(name);
  }

  /** A human label for an assignment, e.g. '督查室承办人员', '县教育局', '张志强'. */
  describe(a: { type: string; value: string; scope?: string | null }): string {
    switch (a.type) {
      case 'user':
        return this.personName(a.value);
      case 'role': {
        const role = this.#dir.roles.find((r) => r.id === a.value)?.name ?? a.value;
        return a.scope ? `${role}（${a.scope}）` : role;
      }
      case 'unit':
        return this.unitName(a.value);
      case 'liaison':
        return `${this.unitName(a.value)}联系副主任`;
      case 'seal':
        return `${this.sealName(a.value)}保管人`;
      default:
        return a.value;
    }
  }
}

const unique = (xs: string[]) => [...new Set(xs)];
