/** The warning light of an item or a task (X2): green on track, yellow due soon, red overdue. */
import React from 'react';
import { LIGHT_LABELS } from '@/locales';
import type { LightColor } from './lights';

export { lightAt, type LightColor } from './lights';

/** A coloured dot with its meaning, optionally followed by the label. */
export default function Light({ light, withLabel }: { light?: LightColor | null; withLabel?: boolean }) {
  const label = light ? LIGHT_LABELS[light] : '无时限';
  const dot = <span className={`duban-light duban-light-${light ?? 'none'}`} role="img" aria-label={label} title={label} data-light={light ?? 'none'} />;
  if (withLabel) {
    return (
      <span className="duban-light-with-label">
        {dot}
        <span>{label}</span>
      </span>
    );
  }
  return dot;
}
