import { createHash } from 'node:crypto';
import type { Conn } from '../db/database';
import { insertEntry, listEntries, readHead, reserveHead } from './audit.repository';
import type { AuditTable } from './audit.table';

/** What is recorded about one action. */
export interface AuditInput {
  itemId: string;
  actorId?: string | null;
  actorName?: string | null;
  action: string;
  opinion?: string | null;
  data?: Record<string, unknown>;
  at: number;
}

/** The hash of an entry: sha256 over its fields and the previous hash, in a fixed order. */
export function entryHash(e: Omit<AuditTable, 'hash'>): string {
  const canonical = JSON.stringify([e.itemId, e.seq, e.actorId, e.actorName, e.action, e.opinion, e.data, e.at, e.prevHash]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** An entry before it is chained: its data already serialised, no sequence number or hashes yet. */
export type PendingEntry = Omit<AuditTable, 'seq' | 'prevHash' | 'hash'>;

/** The entry of an input, data serialised now (later changes to the object do not reach the log). */
export function pendingEntry(input: AuditInput): PendingEntry {
  return {
    itemId: input.itemId,
    actorId: input.actorId ?? null,
    actorName: input.actorName ?? null,
    action: input.action,
    opinion: input.opinion ?? null,
    data: JSON.stringify(input.data ?? {}),
    at: input.at,
  };
}

/** Chain entries of one item after its head: sequence numbers continue it, each hash covers the previous one. */
export function chainEntries(pending: PendingEntry[], head: { seq: number; hash: string }): AuditTable[] {
  let { seq, hash } = head;
  return pending.map((p) => {
    const base = { ...p, seq: ++seq, prevHash: hash };
    hash = entryHash(base);
    return { ...base, hash };
  });
}

/** Append an entry to an item's chain inside the caller's transaction. */
export async function appendAudit(db: Conn, input: AuditInput): Promise<AuditTable> {
  const head = await reserveHead(db, input.itemId, 1);
  const [entry] = chainEntries([pendingEntry(input)], head);
  await insertEntry(db, entry);
  return entry;
}

/** The result of checking an item's chain. */
export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The first entry that does not verify, and why. */
  brokenAt?: number;
  reason?: string;
}

/** Recompute every hash of an item's chain and compare links, sequence and the head kept on the item. */
export async function verifyAudit(db: Conn, itemId: string): Promise<AuditVerification> {
  const entries = await listEntries(db, itemId);
  let prev = '';
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (e.seq !== i + 1) return { ok: false, entries: entries.length, brokenAt: i + 1, reason: '记录缺失或序号不连续' };
    if (e.prevHash !== prev) return { ok: false, entries: entries.length, brokenAt: e.seq, reason: '与上一条记录的链接不符' };
    const { hash, ...rest } = e;
    if (entryHash(rest) !== hash) return { ok: false, entries: entries.length, brokenAt: e.seq, reason: '记录内容已被改动' };
    prev = hash;
  }
  const head = await readHead(db, itemId);
  if (head && (head.auditSeq !== entries.length || head.auditHash !== prev)) {
    return { ok: false, entries: entries.length, brokenAt: entries.length, reason: '末尾记录被删除或替换' };
  }
  return { ok: true, entries: entries.length };
}
