import type { EffectHandler } from '../workflow/effect';
import { cancelTimer, insertTimer } from './timer.repository';

// The scheduler domain keeps the engine's timers as rows the scheduler claims when due.

/** A timer the engine set: a row the scheduler fires once, on any node. */
export const timerScheduled: EffectHandler<'timer.scheduled'> = (s, live, e) =>
  insertTimer(s.trx, {
    id: e.timer.id,
    instanceId: live.id,
    itemId: live.item.id,
    timerKey: e.timer.id,
    kind: e.timer.kind,
    fireAt: e.timer.fireAt,
    payload: JSON.stringify(e.timer),
    claimedBy: null,
    claimedAt: null,
    done: 0,
    attempts: 0,
    lastError: null,
  });

/** A timer the engine no longer needs. */
export const timerCancelled: EffectHandler<'timer.cancelled'> = (s, _live, e) => cancelTimer(s.trx, e.timerId);
