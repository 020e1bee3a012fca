import type { Actor } from '../../engine';
import type { Conn } from '../db/database';
import type { DirectoryService } from '../directory/directory.service';
import { insertEntries, reserveHead } from './audit.repository';
import { chainEntries, pendingEntry, type PendingEntry } from './audit.service';

/** The system as an actor (timers, automatic steps). */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: '系统' };

/** What an entry records besides its action. */
export interface AuditFields {
  actor?: Actor | null;
  opinion?: string | null;
  data?: Record<string, unknown>;
}

/**
 * The audit entries of one action, per item, in the order the effects were applied; `flush`
 * chains them after each item's head and writes them in multi-row inserts.
 */
export class AuditBuffer {
  readonly #entries = new Map<string, PendingEntry[]>();

  constructor(
    private readonly dir: DirectoryService,
    private readonly now: number,
  ) {}

  /** Record an entry for an item. */
  add(itemId: string, action: string, fields: AuditFields = {}): void {
    const actor = fields.actor ?? SYSTEM_ACTOR;
    const entry = pendingEntry({
      itemId,
      actorId: actor.id,
      actorName: actor.name ?? this.dir.personName(actor.id),
      action,
      opinion: fields.opinion ?? null,
      data: fields.data,
      at: this.now,
    });
    const list = this.#entries.get(itemId);
    if (list) list.push(entry);
    else this.#entries.set(itemId, [entry]);
  }

  /**
   * Chain and insert the entries; returns each item's new head. `knownHead` gives the head of an
   * item whose row this (write-locked) transaction loaded; other heads are reserved on the item
   * row, which locks it.
   */
  async flush(db: Conn, knownHead: (itemId: string) => { seq: number; hash: string } | undefined): Promise<Map<string, { seq: number; hash: string }>> {
    const heads = new Map<string, { seq: number; hash: string }>();
    const rows = [];
    for (const [itemId, pending] of this.#entries) {
      const head = knownHead(itemId) ?? (await reserveHead(db, itemId, pending.length));
      const entries = chainEntries(pending, head);
      const last = entries[entries.length - 1];
      heads.set(itemId, { seq: last.seq, hash: last.hash });
      rows.push(...entries);
    }
    await insertEntries(db, rows);
    return heads;
  }
}
