import { createHash, randomUUID } from 'node:crypto';
import type { Effect } from '../../engine';
import { toLocalDate } from '../../engine';
import { composeDocument } from '../documents/compose';
import { findDocumentsOfItem, findLatestDocument, insertDocument, sealDocument, setDocumentContent } from '../documents/document.repository';
import { renderDocx } from '../documents/docx';
import { allocateNumber, formatDocNumber } from '../documents/numbering';
import { AppError } from '../errors';
import { cstYear } from '../items/item.factory';
import { insertCopies } from '../items/item.repository';
import { scoreUnits } from './scoring';
import type { ActionSession, LiveInstance } from './session';
import { scopeVars } from './state';

type ServiceRequest = Extract<Effect, { type: 'service.requested' }>;

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const splitList = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(/[,，;；]/).map((s) => s.trim()).filter(Boolean) : [];

/** Allocate the next gap-free number of a document type for an item and record it. */
export async function numberDocument(s: ActionSession, live: LiveInstance, docType: string, title: string) {
  const year = cstYear(s.now);
  const serial = await allocateNumber(s.trx, docType, year);
  const number = formatDocNumber(s.ctx.host.county().shortName, docType, year, serial);
  const id = randomUUID();
  await insertDocument(s.trx, {
    id,
    itemId: live.item.id,
    docType,
    year,
    serial,
    number,
    title,
    template: null,
    mime: null,
    content: null,
    size: null,
    sha256: null,
    sealedBy: null,
    sealedAt: null,
    seal: null,
    createdBy: s.actor?.id ?? 'system',
    createdAt: s.now,
  });
  await s.audit(live.item.id, 'document.numbered', { actor: s.actor, data: { documentId: id, docType, number } });
  return { id, number };
}

/**
 * Perform a service task's action synchronously inside the action's transaction
 * and return the variables fed back to the engine with `serviceDone`.
 */
export async function performService(s: ActionSession, live: LiveInstance, e: ServiceRequest): Promise<Record<string, unknown>> {
  const tok = live.state.tokens[e.tokenId];
  const vars = scopeVars(live.state, tok?.scopeId ?? live.id);
  const p = e.params;
  const resultVariable = str(p.resultVariable);
  const out = (value: unknown, fallback: string, extra: Record<string, unknown> = {}) => ({ ...extra, [resultVariable || fallback]: value });

  switch (e.action) {
    case 'number': {
      const docType = str(p.docType);
      if (!docType) throw new AppError('SERVICE_MISCONFIGURED', `自动编号环节“${e.elementId}”未指定文种`, { status: 500 });
      const doc = await numberDocument(s, live, docType, str(vars.title) || live.item.title);
      return out(doc.number, 'docNo', { docNo: doc.number, documentId: doc.id });
    }
    case 'document': {
      const docType = str(p.docType) || '公文';
      const reserved = await findLatestDocument(s.trx, live.item.id, docType);
      const doc = reserved && reserved.sha256 === null ? { id: reserved.id, number: reserved.number } : await numberDocument(s, live, docType, str(vars.title) || live.item.title);
      const input = composeDocument({
        docType,
        number: doc.number,
        vars,
        itemTitle: live.item.title,
        county: s.ctx.host.county(),
        dir: s.ctx.dir,
        date: toLocalDate(s.now),
      });
      const bytes = await renderDocx(input);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await setDocumentContent(s.trx, doc.id, { content: bytes, size: bytes.length, sha256, mime: DOCX_MIME, template: str(p.template) || null, title: input.title });
      await s.audit(live.item.id, 'document.generated', { actor: s.actor, data: { documentId: doc.id, docType, number: doc.number, sha256 } });
      return out(doc.number, 'docNo', { docNo: doc.number, documentId: doc.id });
    }
    case 'seal': {
      const seal = str(p.seal) || 'office';
      const doc = await findLatestDocument(s.trx, live.item.id, str(p.docType) || undefined);
      if (!doc) {
        await s.audit(live.item.id, 'seal.skipped', { data: { reason: '没有可用印的公文', seal } });
        return out(null, 'sealedAt');
      }
      const by = s.actor?.id ?? 'system';
      await sealDocument(s.trx, doc.id, seal, by, s.now);
      if (s.ctx.host.seal) await s.job('seal', { documentId: doc.id, seal, number: doc.number, actorId: by });
      await s.audit(live.item.id, 'document.sealed', {
        actor: s.actor,
        data: { documentId: doc.id, number: doc.number, seal, sealName: seal === 'county-head' ? '县长印章' : '督查室公章' },
      });
      return out(s.now, 'sealedAt');
    }
    case 'notify': {
      const recipients = resolveRecipients(s, live, p.notifyTo ?? vars.notifyTo, vars);
      const rows = recipients.map((personId) => ({ id: randomUUID(), itemId: live.item.id, personId, reason: live.def.model.elements[e.elementId]?.name || '抄送', note: str(vars.title) || null, createdAt: s.now }));
      await insertCopies(s.trx, rows);
      if (recipients.length) {
        await s.job('notify', {
          id: randomUUID(),
          userIds: recipients,
          title: `【抄送】${live.item.title}`,
          body: `“${live.item.title}”已${live.def.model.elements[e.elementId]?.name || '办理'}，请阅知。`,
          url: `/#/items/${live.item.id}`,
        });
      }
      await s.audit(live.item.id, 'notify.sent', { data: { recipients, names: recipients.map((r) => s.ctx.dir.personName(r)) } });
      return out(recipients, 'notified');
    }
    case 'archive': {
      const materials = splitList(p.materials).length ? splitList(p.materials) : live.def.meta.materials;
      const itemIds = [live.item.id, ...(await s.trx.selectFrom('items').select('id').where('parentItemId', '=', live.item.id).execute()).map((r) => r.id)];
      const docs = await findDocumentsOfItem(s.trx, itemIds);
      const files = await s.trx.selectFrom('attachments').select(['name']).where('itemId', 'in', itemIds).execute();
      const names = [...docs.map((d) => d.docType), ...docs.map((d) => d.title), ...files.map((f) => f.name)];
      const missing = materials.filter((m) => {
        const base = m.replace(/[（(].*?[)）]/g, '').trim();
        return !names.some((n) => n.includes(base));
      });
      if (s.ctx.host.archive) {
        await s.job('archive', {
          itemId: live.item.id,
          title: live.item.title,
          materials,
          documents: docs.map((d) => ({ id: d.id, number: d.number, type: d.docType })),
        });
      }
      await s.audit(live.item.id, 'item.archived', { actor: s.actor, data: { materials, missing, documents: docs.length, attachments: files.length } });
      return out(true, 'archived', { archivedAt: s.now, missingMaterials: missing });
    }
    case 'score': {
      const year = Number(vars.year) || cstYear(s.now);
      const scores = await scoreUnits(s.trx, s.ctx.dir, year, s.now);
      await s.audit(live.item.id, 'evaluation.scored', { actor: s.actor, data: { year, units: scores.length } });
      return out(scores, 'scores');
    }
    default:
      throw new AppError('SERVICE_UNKNOWN', `未知的自动环节类型“${String(e.action)}”`, { status: 500 });
  }
}

/** Who `notifyTo` names: role ids, person ids, unit ids (their handlers), or `liaisons` (R6 of the item's units). */
function resolveRecipients(s: ActionSession, live: LiveInstance, spec: unknown, vars: Record<string, unknown>): string[] {
  const dir = s.ctx.dir;
  const out = new Set<string>();
  for (const token of splitList(spec)) {
    if (token === 'liaisons') {
      const units = Array.isArray(vars.units) ? vars.units.map(String) : JSON.parse(live.item.units) as string[];
      for (const u of units) dir.resolve({ type: 'liaison', value: u }).forEach((p) => out.add(p));
    } else if (dir.snapshot.roles.some((r) => r.id === token)) dir.resolve({ type: 'role', value: token }).forEach((p) => out.add(p));
    else if (dir.person(token)) out.add(token);
    else if (dir.unit(token)) dir.resolve({ type: 'unit', value: token }).forEach((p) => out.add(p));
  }
  return [...out];
}
