import { SYSTEM_ACTOR } from '../audit/audit.buffer';
import type { EffectHandler } from '../workflow/effect';
import { rootVars } from '../workflow/state';
import { createItem, unitsOfVars } from './item.factory';

// The items domain: a call activity's child item per unit, and the links between parent and child instances.

/** A call activity starts a child: a child item (one per unit when the child names one), titled after its parent, and its instance. */
export const childStarted: EffectHandler<'child.started'> = async (s, live, e) => {
  const def = await s.ctx.definitions.get(e.processKey, undefined, s.trx);
  const dir = s.ctx.dir;
  // A child item per unit belongs to that unit alone (the parent's lead unit must not read another unit's case).
  const ownUnit = typeof e.vars.unit === 'string' && dir.unit(e.vars.unit) ? e.vars.unit : null;
  const { units, lead } = ownUnit ? { units: [ownUnit], lead: ownUnit } : unitsOfVars(e.vars, dir);
  const sub = e.vars.item && typeof e.vars.item === 'object' && typeof (e.vars.item as { title?: unknown }).title === 'string' ? (e.vars.item as { title: string }).title : null;
  const unitLabel = [sub, ownUnit ? dir.unitName(ownUnit) : sub ? null : def.name].filter(Boolean).join('，');
  const deadline = typeof e.vars.deadline === 'string' ? e.vars.deadline : null;
  const child = await createItem(
    s.trx,
    dir,
    {
      procedureKey: def.key,
      procedureName: def.name,
      category: def.meta.category ?? live.item.category,
      title: `${live.item.title}（${unitLabel}）`,
      source: live.item.source,
      units,
      leadUnitId: lead,
      dueDate: deadline,
      createdBy: s.actor?.id ?? live.item.createdBy,
      parent: live.item,
    },
    s.now,
  );
  s.audit.add(child.id, 'item.created', { actor: s.actor, data: { procedureKey: def.key, version: def.version, parentItemId: live.item.id, parentCode: live.item.code } });
  s.audit.add(live.item.id, 'child.started', { actor: s.actor, data: { childItemId: child.id, code: child.code, title: child.title } });
  await s.start(def, child, { ...e.vars, itemId: child.id, caseNo: child.code, parentItemId: live.item.id }, s.actor ?? SYSTEM_ACTOR, {
    instanceId: live.id,
    tokenId: e.tokenId,
    childId: e.childId,
  });
};

/** The parent no longer waits for a child: the child item ends too. */
export const childCancelled: EffectHandler<'child.cancelled'> = (s, _live, e) => {
  s.enqueue(e.childId, { type: 'terminate', actor: SYSTEM_ACTOR, reason: '上级事项已撤销该环节' }, true);
};

/** An instance ended: the step that ended it reads 办结 at the host; a child hands its variables back to the waiting call activity. */
export const instanceCompleted: EffectHandler<'instance.completed'> = (s, live) => {
  s.outbox.finishTodos(live.id);
  if (!live.parentInstanceId || !live.parentTokenId) return;
  s.enqueue(live.parentInstanceId, { type: 'childDone', tokenId: live.parentTokenId, childId: live.id, vars: { ...rootVars(live.state) } }, true);
};
