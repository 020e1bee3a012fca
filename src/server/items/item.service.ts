import ExcelJS from 'exceljs';
import type { ItemExtension, ItemSummary } from '../../shared/api';
import { toLocalDateTime, type InstanceState, type ProcessModel } from '../../engine';
import { listAttachmentsOfItem } from '../attachments/attachment.repository';
import { verifyAudit } from '../audit/audit.service';
import { listEntries } from '../audit/audit.repository';
import type { AppContext } from '../context';
import type { Principal } from '../directory/directory.service';
import { findDocumentsOfItem } from '../documents/document.repository';
import { notFound } from '../errors';
import { findInstancesOfItem } from '../workflow/instance.repository';
import { diagramMarks, extensionBoundaryOf, extensionPath, extensionPending } from '../workflow/state';
import { lightOf } from '../tasks/task.service';
import { findTasksOfItem } from '../tasks/task.repository';
import { assertCanReadItem, canReadItem } from './item.access';
import { findChildItems, findItem, findItemUnits, listCopies, markCopyRead, queryLedger, type LedgerFilter, type LedgerSort } from './item.repository';
import type { ItemTable } from './item.table';

const STATUS_NAMES: Record<string, string> = { running: '在办', completed: '办结', terminated: '终止' };
const LIGHT_NAMES: Record<string, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

/** Reading items: the ledger (台账), one item's full record, copies (抄送). */
export class ItemService {
  constructor(private readonly ctx: AppContext) {}

  /** An item row in API shape. */
  summary(item: ItemTable): ItemSummary {
    const units = JSON.parse(item.units) as string[];
    return {
      id: item.id,
      code: item.code,
      procedureKey: item.procedureKey,
      procedureName: item.procedureName,
      category: item.category,
      title: item.title,
      source: item.source,
      status: item.status,
      light: item.light,
      dueDate: item.dueDate,
      originalDueDate: item.originalDueDate,
      leadUnitId: item.leadUnitId,
      leadUnitName: item.leadUnitId ? this.ctx.dir.unitName(item.leadUnitId) : null,
      units: units.map((id) => ({ id, name: this.ctx.dir.unitName(id) })),
      createdBy: item.createdBy,
      createdByName: this.ctx.dir.personName(item.createdBy),
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
      completedAt: item.completedAt,
      parentItemId: item.parentItemId,
    };
  }

  /**
   * One page of the ledger, filtered to what the user may read. The total is exact up to a cap
   * (see ledgerCountCap); `totalCapped` says there are more than that.
   */
  async ledger(user: Principal, f: LedgerFilter, sort: LedgerSort, order: 'asc' | 'desc', page: number, pageSize: number) {
    const { rows, total, capped } = await queryLedger(this.ctx.db, user, f, sort, order, page, pageSize);
    return { total, totalCapped: capped, page, pageSize, rows: rows.map((r) => this.summary(r)) };
  }

  /** An item's full record: tasks, timeline, deadlines, audit (verified), documents, attachments, children, diagram. */
  async detail(user: Principal, id: string) {
    const db = this.ctx.db;
    const item = await findItem(db, id);
    if (!item) throw notFound('督办事项不存在或您无权查看', 'ITEM_NOT_FOUND');
    await assertCanReadItem(db, user, item);
    const now = this.ctx.now();
    const [instances, tasks, entries, verification, children, units] = await Promise.all([
      findInstancesOfItem(db, id),
      findTasksOfItem(db, id),
      listEntries(db, id),
      verifyAudit(db, id),
      findChildItems(db, id),
      findItemUnits(db, id),
    ]);
    const visibleChildren: ItemTable[] = [];
    for (const c of children) if (await canReadItem(db, user, c)) visibleChildren.push(c);
    const documents = await findDocumentsOfItem(db, [id, ...visibleChildren.map((c) => c.id)]);
    const attachments = await listAttachmentsOfItem(db, id);
    const inst = instances[0];
    let diagram: { key: string; version: number; name: string; xml: string; done: string[]; current: string[]; overdue: string[] } | null = null;
    let startSources: { code: string; label: string }[] = [];
    let materials: string[] = [];
    let extensions: ReturnType<typeof extensionsOf> = [];
    if (inst) {
      const def = await this.ctx.definitions.get(inst.definitionKey, inst.definitionVersion);
      const state = JSON.parse(inst.state) as InstanceState;
      diagram = { key: def.key, version: def.version, name: def.name, xml: def.xml, ...diagramMarks(state, now) };
      startSources = def.meta.startSources;
      materials = def.meta.materials;
      extensions = extensionsOf(entries, tasks, def.model, state, (pid) => this.ctx.dir.personName(pid));
    }
    const person = (id: string | null) => (id ? this.ctx.dir.personName(id) : null);
    return {
      item: this.summary(item),
      itemUnits: units.map((u) => ({ id: u.unitId, name: this.ctx.dir.unitName(u.unitId), isLead: u.isLead === 1 })),
      instance: inst ? { id: inst.id, status: inst.status, version: inst.version, definitionKey: inst.definitionKey, definitionVersion: inst.definitionVersion } : null,
      tasks: tasks.map((t) => ({
        id: t.id,
        elementId: t.elementId,
        name: t.name,
        kind: t.kind,
        status: t.status,
        assignee: this.ctx.dir.describe({ type: t.assignType, value: t.assignValue, scope: t.assignScope }),
        actorId: t.actorId,
        actorName: t.actorName,
        outcome: t.outcome,
        negative: t.negative === 1,
        opinion: t.opinion,
        dueDate: t.dueDate,
        originalDueDate: t.originalDueDate,
        urges: t.urges,
        light: lightOf(t, now),
        createdAt: t.createdAt,
        completedAt: t.completedAt,
      })),
      deadlines: tasks
        .filter((t) => t.dueDate)
        .map((t) => ({ taskId: t.id, name: t.name, status: t.status, original: t.originalDueDate ?? t.dueDate, current: t.dueDate, extended: !!t.originalDueDate && t.originalDueDate !== t.dueDate })),
      extensions,
      timeline: entries.map((e) => {
        const data = JSON.parse(e.data) as Record<string, unknown>;
        // Submitted forms may hold fields hidden from other steps: only leaders and the office see them in the timeline.
        if (!user.seesAllItems) delete data.form;
        return { seq: e.seq, at: e.at, actorId: e.actorId, actorName: e.actorName, action: e.action, opinion: e.opinion, data };
      }),
      audit: { ...verification, head: item.auditHash },
      documents: documents.map((d) => ({
        ...d,
        sealedByName: person(d.sealedBy),
        sealName: d.seal ? this.ctx.dir.sealName(d.seal) : null,
        recipientName: d.recipient ? this.ctx.dir.unitName(d.recipient) : null,
        hasContent: d.sha256 !== null,
        url: `/api/documents/${d.id}/download`,
        pdfUrl: `/api/documents/${d.id}/pdf`,
      })),
      attachments: attachments.map((a) => ({ ...a, url: `/api/attachments/${a.id}` })),
      children: visibleChildren.map((c) => this.summary(c)),
      diagram,
      startSources,
      materials,
    };
  }

  /** The ledger as an Excel workbook (same filters, at most 10 000 rows). */
  async exportLedger(user: Principal, f: LedgerFilter): Promise<Buffer> {
    const { rows } = await queryLedger(this.ctx.db, user, f, 'createdAt', 'desc', 1, 10_000);
    const wb = new ExcelJS.Workbook();
    wb.creator = '督办';
    const ws = wb.addWorksheet('督办台账', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { header: '编号', key: 'code', width: 18 },
      { header: '事项名称', key: 'title', width: 40 },
      { header: '流程', key: 'procedure', width: 16 },
      { header: '来源', key: 'source', width: 16 },
      { header: '状态', key: 'status', width: 8 },
      { header: '亮灯', key: 'light', width: 8 },
      { header: '办理期限', key: 'due', width: 12 },
      { header: '原期限', key: 'original', width: 12 },
      { header: '牵头单位', key: 'lead', width: 18 },
      { header: '承办单位', key: 'units', width: 30 },
      { header: '登记人', key: 'creator', width: 10 },
      { header: '登记时间', key: 'created', width: 18 },
      { header: '办结时间', key: 'completed', width: 18 },
    ];
    ws.getRow(1).font = { bold: true };
    const time = (ms: number | null) => (ms ? toLocalDateTime(ms).slice(0, 16) : '');
    for (const r of rows) {
      const s = this.summary(r);
      ws.addRow({
        code: s.code,
        title: s.title,
        procedure: s.procedureName,
        source: s.source ?? '',
        status: STATUS_NAMES[s.status] ?? s.status,
        light: LIGHT_NAMES[s.light] ?? s.light,
        due: s.dueDate ?? '',
        original: s.originalDueDate ?? '',
        lead: s.leadUnitName ?? '',
        units: s.units.map((u) => u.name).join('、'),
        creator: s.createdByName,
        created: time(s.createdAt),
        completed: time(s.completedAt),
      });
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** Items copied to me (抄送). */
  async copies(user: Principal, page: number, pageSize: number) {
    const { rows, total } = await listCopies(this.ctx.db, user.id, pageSize, (page - 1) * pageSize);
    return { total, page, pageSize, rows };
  }

  /** Mark a copy read. */
  async readCopy(user: Principal, id: string) {
    return { updated: await markCopyRead(this.ctx.db, id, user.id, this.ctx.now()) };
  }
}

/**
 * The extension requests (延期申请, X7) of an item, read from its record: each request, the
 * decisions taken on the diagram's extension path after it, and where it stands — approved,
 * still being decided, or not granted.
 */
export function extensionsOf(
  entries: { action: string; at: number; actorId: string | null; actorName: string | null; opinion: string | null; data: string }[],
  tasks: { elementId: string; name: string; status: string; outcome: string | null; opinion: string | null; actorName: string | null; createdAt: number; completedAt: number | null }[],
  model: ProcessModel,
  state: InstanceState,
  personName: (id: string) => string,
): ItemExtension[] {
  const parsed = entries.map((e) => ({ ...e, d: JSON.parse(e.data) as Record<string, unknown> }));
  const requests = parsed.filter((e) => e.action === 'extension.requested');
  return requests.map((r, i) => {
    const id = String(r.d.requestId ?? '');
    const until = requests[i + 1]?.at ?? Infinity;
    const boundary = typeof r.d.elementId === 'string' ? extensionBoundaryOf(model, r.d.elementId) : undefined;
    const approved = parsed.find((e) => e.action === 'extension.approved' && e.d.requestId === id);
    const path = boundary ? extensionPath(model, boundary.id) : new Set<string>();
    const decisions = tasks
      .filter((t) => path.has(t.elementId) && t.createdAt >= r.at && t.createdAt < until && t.status === 'completed')
      .map((t) => ({ step: t.name, actorName: t.actorName, outcome: t.outcome, opinion: t.opinion, at: t.completedAt }));
    const pending = !approved && i === requests.length - 1 && !!boundary && extensionPending(state, model, boundary.id);
    return {
      id,
      requestedBy: r.actorId,
      requestedByName: r.actorName ?? (r.actorId ? personName(r.actorId) : null),
      reason: r.opinion,
      currentDue: (r.d.from as string | null) ?? null,
      newDue: String(r.d.to ?? ''),
      approvedDue: approved ? String(approved.d.to ?? '') : null,
      decisions,
      status: approved ? 'approved' : pending ? 'pending' : 'rejected',
      createdAt: r.at,
    };
  });
}
