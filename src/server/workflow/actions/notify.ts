import { randomUUID } from 'node:crypto';
import { insertCopies } from '../../items/item.repository';
import type { LiveInstance } from '../session';
import type { ActionSession } from '../session';
import { result, splitList, str, type ServiceActionHandler } from './action';

/** `notify` (抄送): the named people are sent a notice and the item is copied to them. */
export const notifyAction: ServiceActionHandler = async (call) => {
  const { s, live, params, vars, elementId } = call;
  const recipients = resolveRecipients(s, live, params.notifyTo ?? vars.notifyTo, vars);
  const stepName = live.def.model.elements[elementId]?.name;
  const rows = recipients.map((personId) => ({ id: randomUUID(), itemId: live.item.id, personId, reason: stepName || '抄送', note: str(vars.title) || null, createdAt: s.now }));
  await insertCopies(s.trx, rows);
  if (recipients.length) {
    s.outbox.push('notify', {
      id: randomUUID(),
      userIds: recipients,
      title: `【抄送】${live.item.title}`,
      body: `“${live.item.title}”已${stepName || '办理'}，请阅知。`,
      url: `/#/items/${live.item.id}`,
    });
  }
  s.audit.add(live.item.id, 'notify.sent', { data: { recipients, names: recipients.map((r) => s.ctx.dir.personName(r)) } });
  return result(call, recipients, 'notified');
};

/** Who `notifyTo` names: role ids, person ids, unit ids (their handlers), or `liaisons` (the liaisons of the step's units, each unit's own). */
function resolveRecipients(s: ActionSession, live: LiveInstance, spec: unknown, vars: Record<string, unknown>): string[] {
  const dir = s.ctx.dir;
  const out = new Set<string>();
  for (const token of splitList(spec)) {
    if (token === 'liaisons') {
      // The units of the step (or of the item), and those of a decomposition's entries (P6: each 议定事项's 责任单位).
      const units = Array.isArray(vars.units) && vars.units.length ? vars.units.map(String) : (JSON.parse(live.item.units) as string[]);
      if (Array.isArray(vars.items)) for (const entry of vars.items) if (Array.isArray(entry?.units)) units.push(...entry.units.map(String));
      for (const u of units) dir.resolve({ type: 'liaison', value: u }).forEach((p) => out.add(p));
    } else if (dir.snapshot.roles.some((r) => r.id === token)) dir.resolve({ type: 'role', value: token }).forEach((p) => out.add(p));
    else if (dir.person(token)) out.add(token);
    else if (dir.unit(token)) dir.resolve({ type: 'unit', value: token }).forEach((p) => out.add(p));
  }
  return [...out];
}
