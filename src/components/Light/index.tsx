/** The warning light of an item or a task (X2): green on track, yellow due soon, red overdue. */
import { Tooltip } from 'antd';
import React from 'react';
import { LIGHT_LABELS } from '@/locales';

/** A warning light; `null` means no deadline. */
export type LightColor = 'green' | 'yellow' | 'red';

/** A coloured dot with its meaning, optionally followed by the label. */
export default function Light({ light, withLabel }: { light?: LightColor | null; withLabel?: boolean }) {
  const label = light ? LIGHT_LABELS[light] : '无时限';
  const dot = <span className={`duban-light duban-light-${light ?? 'none'}`} aria-label={label} data-light={light ?? 'none'} />;
  if (withLabel) {
    return (
      <span className="duban-light-with-label">
        {dot}
        <span>{label}</span>
      </span>
    );
  }
  return <Tooltip title={label}>{dot}</Tooltip>;
}

/** The light of a deadline at `now`: red when past `dueAt`, yellow from `warnAt`, green otherwise. */
export function lightAt(now: number, dueAt?: number | null, warnAt?: number | null): LightColor | null {
  if (!dueAt) return null;
  if (now > dueAt) return 'red';
  if (warnAt && now >= warnAt) return 'yellow';
  return 'green';
}
