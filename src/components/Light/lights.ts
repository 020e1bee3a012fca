/** Warning lights (X2) as data: which light a deadline shows now. */

/** A warning light; `null` means no deadline. */
export type LightColor = 'green' | 'yellow' | 'red';

/** The light of a deadline at `now`: red when past `dueAt`, yellow from `warnAt`, green otherwise. */
export function lightAt(now: number, dueAt?: number | null, warnAt?: number | null): LightColor | null {
  if (!dueAt) return null;
  if (now > dueAt) return 'red';
  if (warnAt && now >= warnAt) return 'yellow';
  return 'green';
}

/** Counts of to-dos by light; exact unless the window is full of red and yellow ones. */
export function countLights(tasks: { light?: LightColor | null; dueAt: number | null; warnAt: number | null }[], total: number, now: number) {
  const light = (t: (typeof tasks)[number]) => t.light ?? lightAt(now, t.dueAt, t.warnAt);
  const red = tasks.filter((t) => light(t) === 'red').length;
  const yellow = tasks.filter((t) => light(t) === 'yellow').length;
  // Rows come earliest deadline first: when every loaded row is red/yellow, more may follow.
  const truncated = total > tasks.length && red + yellow === tasks.length;
  return { red, yellow, truncated };
}
