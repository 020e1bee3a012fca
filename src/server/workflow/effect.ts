import type { Effect } from '../../engine';
import type { ActionSession, LiveInstance } from './session';

/** One kind of engine effect. */
export type EffectOf<T extends Effect['type']> = Extract<Effect, { type: T }>;

/** Applies one kind of effect inside the action's transaction. */
export type EffectHandler<T extends Effect['type']> = (s: ActionSession, live: LiveInstance, e: EffectOf<T>) => Promise<void> | void;

/** Every kind of effect with the domain handler that applies it. */
export type EffectTable = { [T in Effect['type']]: EffectHandler<T> };
