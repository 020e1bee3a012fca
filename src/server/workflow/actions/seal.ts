import { SEALS, isKeyOf } from '../../../engine';
import { sealDocument, findLatestDocument } from '../../documents/document.repository';
import { result, str, type ServiceActionHandler } from './action';

/** `seal`: the newest document (of the task's type) is sealed; the host applies its electronic seal when it offers one. */
export const sealAction: ServiceActionHandler = async (call) => {
  const { s, live, params } = call;
  const seal = str(params.seal) || 'office';
  const doc = await findLatestDocument(s.trx, live.item.id, str(params.docType) || undefined);
  if (!doc) {
    s.audit.add(live.item.id, 'seal.skipped', { data: { reason: '没有可用印的公文', seal } });
    return result(call, null, 'sealedAt');
  }
  const by = s.actor?.id ?? 'system';
  await sealDocument(s.trx, doc.id, seal, by, s.now);
  if (s.ctx.host.seal) s.outbox.push('seal', { documentId: doc.id, seal, number: doc.number, actorId: by });
  s.audit.add(live.item.id, 'document.sealed', {
    actor: s.actor,
    data: { documentId: doc.id, number: doc.number, seal, sealName: isKeyOf(SEALS, seal) ? SEALS[seal] : seal },
  });
  return result(call, s.now, 'sealedAt');
};
