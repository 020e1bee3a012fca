import { toLocalDate } from '../../../engine';
import { generateDocument } from '../../documents/document.service';
import { findLatestDocument } from '../../documents/document.repository';
import { documentEvents } from '../../evaluation/evaluation.events';
import { result, str, type ServiceActionHandler } from './action';
import { numberFor } from './number';

/** `document`: an official document generated from the item's data, under the number reserved for it (or a new one); the units it praises or criticises score. */
export const documentAction: ServiceActionHandler = async (call) => {
  const { s, live, params, vars } = call;
  const docType = str(params.docType) || '公文';
  // A number reserved by an earlier `number` step and not yet used is the one this document carries.
  const latest = await findLatestDocument(s.trx, live.item.id, docType);
  let doc = latest && latest.sha256 === null ? { id: latest.id, number: latest.number } : undefined;
  if (!doc) doc = await numberFor(call, docType);
  const { sha256 } = await generateDocument(s.trx, {
    documentId: doc.id,
    docType,
    number: doc.number,
    template: str(params.template) || null,
    vars,
    itemTitle: live.item.title,
    county: s.ctx.host.county(),
    dir: s.ctx.dir,
    date: toLocalDate(s.now),
  });
  await documentEvents(s, live, doc.id, call.elementId, doc.number, vars);
  s.audit.add(live.item.id, 'document.generated', { actor: s.actor, data: { documentId: doc.id, docType, number: doc.number, sha256 } });
  return result(call, doc.number, 'docNo', { docNo: doc.number, documentId: doc.id });
};
