import { createHash, randomUUID } from 'node:crypto';
import { approvedSealUses, findDocument, findLatestDocument, insertSealUses, sealDocument, updateSealUses } from '../../documents/document.repository';
import { specimenSeal } from '../../documents/seal-image';
import { stampDocx } from '../../documents/template';
import { result, str, type ServiceActionHandler } from './action';

/**
 * `seal`: the documents whose 用印申请 the keeper approved get the seal. Without the host's seal
 * service the seal printed is a generated specimen marked 电子样章, stamped at once; with it, the
 * host is asked off the transaction (the document worker) and its result is recorded and printed.
 * A diagram without a 用印审批 step seals its newest document directly, and the register says so.
 */
export const sealAction: ServiceActionHandler = async (call) => {
  const { s, live, params } = call;
  const seal = str(params.seal) || 'office';
  let rows = await approvedSealUses(s.trx, live.item.id, seal);
  if (!rows.length) {
    const doc = await findLatestDocument(s.trx, live.item.id, str(params.docType) || undefined);
    if (!doc || doc.seal) {
      s.audit.add(live.item.id, 'seal.skipped', { data: { reason: '没有待用印的公文', seal } });
      return result(call, null, 'sealedAt');
    }
    const row = {
      id: randomUUID(),
      itemId: live.item.id,
      documentId: doc.id,
      taskId: null,
      seal,
      status: 'approved',
      requestedBy: s.actor?.id ?? 'system',
      requestedAt: s.now,
      approvedBy: null,
      approvedAt: null,
      opinion: '流程未设用印审批环节',
      appliedBy: null,
      appliedAt: null,
      source: null,
      reference: null,
    };
    await insertSealUses(s.trx, [row]);
    rows = [row];
  }
  const by = s.actor?.id ?? 'system';
  const host = !!s.ctx.host.seal;
  const numbers: string[] = [];
  for (const row of rows) {
    const doc = await findDocument(s.trx, row.documentId);
    if (!doc?.content) continue;
    let stamped: Buffer | undefined;
    if (!host) stamped = stampDocx(Buffer.from(doc.content), specimenSeal(seal, s.ctx.host.county())) ?? undefined;
    await sealDocument(s.trx, doc.id, {
      seal,
      by,
      at: s.now,
      ...(stamped ? { content: stamped, sha256: createHash('sha256').update(stamped).digest('hex') } : {}),
    });
    await updateSealUses(s.trx, [row.id], { status: 'applied', appliedBy: by, appliedAt: s.now, source: host ? 'host-pending' : 'specimen' });
    numbers.push(doc.number);
    s.audit.add(live.item.id, 'document.sealed', {
      actor: s.actor,
      data: { documentId: doc.id, number: doc.number, seal, sealName: s.ctx.dir.sealName(seal), source: host ? 'host' : 'specimen', placeholder: host || !!stamped },
    });
  }
  return result(call, s.now, 'sealedAt', { sealedDocuments: numbers });
};
