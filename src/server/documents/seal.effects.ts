/**
 * 用印 (X4) as a request: a user task assigned to a seal's keepers (`duban:sealKeeper`) opens one
 * register row per document waiting for that seal; completing it approves or refuses them; the
 * `seal` service action then applies the seal. The register (seal_uses) keeps every row.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import type { EffectHandler } from '../workflow/effect';
import { completedByRole } from '../tasks/task.repository';
import { findDocumentsOfType, insertSealUses, sealUsesOfTask, updateSealUses } from './document.repository';

/** A 用印审批 task was created: the documents it is for are entered in the register as requested. */
export const sealTaskCreated: EffectHandler<'task.created'> = async (s, live, e) => {
  const a = e.task.assignment;
  if (a.type !== 'seal') return;
  const seal = String(a.value);
  const docType = live.def.model.elements[e.task.elementId]?.params?.docType;
  const docs = docType ? (await findDocumentsOfType(s.trx, live.item.id, docType)).filter((d) => d.sha256 !== null && !d.seal) : [];
  if (!docs.length) {
    s.audit.add(live.item.id, 'seal.requestEmpty', { data: { taskId: e.task.id, seal, docType: docType ?? null, reason: '没有待用印的公文' } });
    return;
  }
  await insertSealUses(
    s.trx,
    docs.map((d) => ({
      id: randomUUID(),
      itemId: live.item.id,
      documentId: d.id,
      taskId: e.task.id,
      seal,
      status: 'requested',
      requestedBy: s.actor?.id ?? 'system',
      requestedAt: s.now,
      approvedBy: null,
      approvedAt: null,
      opinion: null,
      appliedBy: null,
      appliedAt: null,
      source: null,
      reference: null,
    })),
  );
  s.audit.add(live.item.id, 'seal.requested', {
    actor: s.actor,
    data: { taskId: e.task.id, seal, sealName: s.ctx.dir.sealName(seal), documents: docs.map((d) => ({ id: d.id, number: d.number })) },
  });
};

/** A 用印审批 task was done: its rows are approved, or refused with the keeper's opinion. */
export const sealTaskCompleted: EffectHandler<'task.completed'> = async (s, live, e) => {
  const rows = (await sealUsesOfTask(s.trx, e.taskId)).filter((r) => r.status === 'requested');
  if (!rows.length) return;
  const seal = rows[0].seal;
  const opinion = s.notes.get(e.taskId)?.opinion ?? null;
  if (!e.negative) {
    const signedBy = s.ctx.dir.policy.seals[seal]?.signedBy;
    if (signedBy && !(await completedByRole(s.trx, live.item.id, signedBy))) {
      throw new AppError('SEAL_NOT_SIGNED', `${s.ctx.dir.sealName(seal)}须在${s.ctx.dir.describe({ type: 'role', value: signedBy })}签发后使用：本事项尚无签发记录`, { status: 409 });
    }
  }
  await updateSealUses(
    s.trx,
    rows.map((r) => r.id),
    { status: e.negative ? 'refused' : 'approved', approvedBy: e.actor.id, approvedAt: s.now, opinion },
  );
  s.audit.add(live.item.id, e.negative ? 'seal.refused' : 'seal.approved', {
    actor: s.actor,
    data: { taskId: e.taskId, seal, sealName: s.ctx.dir.sealName(seal), outcome: e.outcome ?? null, opinion, documents: rows.map((r) => r.documentId) },
  });
};

/** A 用印审批 task was withdrawn or ended with the item: its open rows say so. */
export const sealTaskCancelled: EffectHandler<'task.cancelled'> = async (s, _live, e) => {
  const rows = (await sealUsesOfTask(s.trx, e.taskId)).filter((r) => r.status === 'requested');
  await updateSealUses(
    s.trx,
    rows.map((r) => r.id),
    { status: 'cancelled', opinion: e.reason },
  );
};
