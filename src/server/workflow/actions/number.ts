import { refusedUnsealed } from '../../documents/document.repository';
import { reserveDocumentNumber } from '../../documents/document.service';
import { AppError } from '../../errors';
import { result, str, type ServiceCall, type ServiceActionHandler } from './action';

/** `number`: the next gap-free number of a document type (X3), recorded as a document of the item. */
export const numberAction: ServiceActionHandler = async (call) => {
  const { params } = call;
  const docType = str(params.docType);
  if (!docType) throw new AppError('SERVICE_MISCONFIGURED', `自动编号环节“${call.elementId}”未指定文种`, { status: 500 });
  // A document sent back by the seal's keeper keeps its number: the step that numbers it runs again on the way back.
  const again = (await refusedUnsealed(call.s.trx, call.live.item.id, docType))[0];
  const doc = again ? { id: again.id, number: again.number } : await numberFor(call, docType);
  return result(call, doc.number, 'docNo', { docNo: doc.number, documentId: doc.id });
};

/** Reserve the next number of a document type for the item, titled after it, and record it. */
export async function numberFor({ s, live, vars }: ServiceCall, docType: string, recipient?: string): Promise<{ id: string; number: string }> {
  const doc = await reserveDocumentNumber(s.trx, {
    recipient,
    itemId: live.item.id,
    docType,
    title: str(vars.title) || live.item.title,
    countyShort: s.ctx.host.county().shortName,
    createdBy: s.actor?.id ?? 'system',
    now: s.now,
  });
  s.audit.add(live.item.id, 'document.numbered', { actor: s.actor, data: { documentId: doc.id, docType, number: doc.number } });
  return doc;
}
