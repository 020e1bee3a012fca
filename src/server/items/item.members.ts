import type { Conn } from '../db/database';
import { addMemberships } from './item.repository';

/** The people and units an action adds to items (who may read them), written together at the end of the action. */
export class ItemMembers {
  readonly #participants = new Map<string, Set<string>>();
  /** Keyed by item and unit: the first `isLead` given wins, as with the insert's DO NOTHING. */
  readonly #units = new Map<string, { itemId: string; unitId: string; isLead: number }>();

  /** Record people who took part in an item. */
  participate(itemId: string, personIds: string[]): void {
    let set = this.#participants.get(itemId);
    if (!set) this.#participants.set(itemId, (set = new Set()));
    for (const id of personIds) set.add(id);
  }

  /** Record a unit on an item (a unit already there keeps its lead flag). */
  addUnit(itemId: string, unitId: string, isLead = 0): void {
    const key = `${itemId}\u0000${unitId}`;
    if (!this.#units.has(key)) this.#units.set(key, { itemId, unitId, isLead });
  }

  /** Write the memberships (rows already there are kept). */
  async flush(db: Conn): Promise<void> {
    await addMemberships(
      db,
      [...this.#participants].flatMap(([itemId, ids]) => [...ids].map((personId) => ({ itemId, personId }))),
      [...this.#units.values()],
    );
  }
}
