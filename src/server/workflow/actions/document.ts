import { DOCUMENT_TYPES, seriesDocType, toLocalDate } from '../../../engine';
import { generateDocument, templateFor } from '../../documents/document.service';
import { findDocumentsOfType } from '../../documents/document.repository';
import { documentEvents } from '../../evaluation/evaluation.events';
import { AppError } from '../../errors';
import { result, str, type ServiceActionHandler, type ServiceCall } from './action';
import { numberFor } from './number';

/** One document to make: the unit it is addressed to, and the 议定事项 it covers. */
interface Target {
  unit?: string;
  decision?: Record<string, unknown>;
}

const ids = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : str((x as { id?: unknown })?.id))).filter(Boolean) : str(v) ? [str(v)] : []);

/**
 * The documents a task makes. `duban:each` names a variable: a list of units makes one per unit
 * (督查函 per 承办单位); `list.units` makes one per entry and unit of a list (督办函 per
 * 议定事项 and 责任单位). Without it, one document.
 */
function targets(call: ServiceCall): Target[] {
  const each = str(call.params.each);
  if (!each) return [{}];
  const [list, inner] = each.split('.');
  const v = call.vars[list];
  if (!inner) {
    const units = ids(v);
    return units.length ? units.map((unit) => ({ unit })) : [{}];
  }
  const out: Target[] = [];
  for (const entry of Array.isArray(v) ? (v as Record<string, unknown>[]) : []) {
    if (!entry || typeof entry !== 'object') continue;
    for (const unit of ids(entry[inner])) out.push({ unit, decision: entry });
  }
  return out;
}

/** The document type of a task: `duban:series` picks the series of a type issued in several names (县政府 / 县政府办). */
function docTypeOf(call: ServiceCall): string {
  const docType = str(call.params.docType) || '公文';
  const series = str(call.params.series);
  if (!series) return docType;
  const name = str(call.vars[series]);
  const typed = seriesDocType(docType, name);
  if (!name || !(typed in DOCUMENT_TYPES)) {
    throw new AppError('DOCUMENT_SERIES_MISSING', `“${call.live.def.model.elements[call.elementId]?.name ?? call.elementId}”须先选择行文名义（${Object.keys(DOCUMENT_TYPES).filter((t) => t.startsWith(`${docType}（`)).map((t) => t.slice(docType.length + 1, -1)).join('或')}）`, { status: 422 });
  }
  return typed;
}

/**
 * `document`: the official documents of a step, made from the office's template and the item's
 * data, each under its own number. A number reserved by an earlier `number` step goes to the
 * first; a step that runs again (a refused seal request sent it back) makes its documents anew
 * under the numbers they already carry, as long as they are not sealed.
 */
export const documentAction: ServiceActionHandler = async (call) => {
  const { s, live, params, vars } = call;
  const docType = docTypeOf(call);
  const template = templateFor(str(params.docType) || docType, str(params.template) || undefined);
  const existing = await findDocumentsOfType(s.trx, live.item.id, docType);
  const reserved = existing.filter((d) => d.sha256 === null);
  // Made before and not sealed: made again in place, per unit in the same order.
  const redo = new Map<string, { id: string; number: string }[]>();
  for (const d of existing) if (d.sha256 !== null && !d.seal) redo.set(d.recipient ?? '', [...(redo.get(d.recipient ?? '') ?? []), { id: d.id, number: d.number }]);
  const made: { id: string; number: string; unit?: string }[] = [];
  for (const t of targets(call)) {
    let doc = redo.get(t.unit ?? '')?.shift();
    if (!doc) {
      const r = reserved.shift();
      doc = r ? { id: r.id, number: r.number } : await numberFor(call, docType, t.unit);
    }
    const { sha256, title, templateVersion } = await generateDocument(s.trx, {
      documentId: doc.id,
      template,
      number: doc.number,
      vars,
      itemTitle: live.item.title,
      itemCode: live.item.code,
      county: s.ctx.host.county(),
      dir: s.ctx.dir,
      date: toLocalDate(s.now),
      unit: t.unit,
      decision: t.decision,
    });
    s.audit.add(live.item.id, 'document.generated', {
      actor: s.actor,
      data: { documentId: doc.id, docType, number: doc.number, title, template, templateVersion, sha256, ...(t.unit ? { unit: t.unit, unitName: s.ctx.dir.unitName(t.unit) } : {}) },
    });
    made.push({ ...doc, unit: t.unit });
  }
  const first = made[0];
  // A 通报's praise and criticism score for the units it names (绩效评估).
  if (first) await documentEvents(s, live, first.id, call.elementId, first.number, vars);
  return result(call, first?.number ?? null, 'docNo', { docNo: first?.number ?? null, documentId: first?.id ?? null, documents: made.map((d) => d.id) });
};
