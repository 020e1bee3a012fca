/**
 * Durations as the properties panel edits them: "N 工作日 / N 自然日 / N 周 / N 个月 /
 * N 小时", an expression, or text in another accepted form, and back to the
 * `duban:` notation (`10WD`, `P10D`, `P1W`, `P2M`, `PT4H`, `=expr`).
 */
import { parseDuration } from '../../../../engine/calendar/duration';

/** Units offered in the panel. */
export type DurationUnit = 'WD' | 'D' | 'W' | 'M' | 'H';

/** A duration as the panel shows it. */
export type DurationValue =
  | { mode: 'none' }
  | { mode: 'amount'; amount: number; unit: DurationUnit }
  | { mode: 'expression'; text: string }
  | { mode: 'other'; text: string };

/** Chinese names of the units, in display order. */
export const DURATION_UNITS: { value: DurationUnit; label: string }[] = [
  { value: 'WD', label: '个工作日' },
  { value: 'D', label: '个自然日' },
  { value: 'W', label: '周' },
  { value: 'M', label: '个月' },
  { value: 'H', label: '小时' },
];

const PATTERNS: [RegExp, DurationUnit][] = [
  [/^P?(\d+)\s*WD$/i, 'WD'],
  [/^P(\d+)D$/i, 'D'],
  [/^P(\d+)W$/i, 'W'],
  [/^P(\d+)M$/i, 'M'],
  [/^PT(\d+)H$/i, 'H'],
];

/** Reads a `duban:` duration attribute for the panel. */
export function readDuration(text: string | undefined | null): DurationValue {
  const value = (text ?? '').trim();
  if (!value) return { mode: 'none' };
  if (value.startsWith('=')) return { mode: 'expression', text: value };
  for (const [re, unit] of PATTERNS) {
    const m = re.exec(value);
    if (m) return { mode: 'amount', amount: Number(m[1]), unit };
  }
  return { mode: 'other', text: value };
}

/** Writes a panel duration as a `duban:` attribute value; undefined removes the attribute. */
export function writeDuration(value: DurationValue): string | undefined {
  switch (value.mode) {
    case 'none':
      return undefined;
    case 'amount': {
      const n = Math.max(0, Math.floor(value.amount));
      if (value.unit === 'WD') return `${n}WD`;
      if (value.unit === 'H') return `PT${n}H`;
      return `P${n}${value.unit}`;
    }
    case 'expression':
    case 'other':
      return value.text.trim() || undefined;
  }
}

/** A Chinese description of a duration attribute, e.g. "10 个工作日"; the raw text when not a plain amount. */
export function describeDurationText(text: string | undefined | null): string {
  const value = readDuration(text);
  if (value.mode === 'none') return '未设置';
  if (value.mode === 'amount') return `${value.amount} ${DURATION_UNITS.find((u) => u.value === value.unit)!.label}`;
  if (value.mode === 'expression') return `按表达式 ${value.text}`;
  return value.text;
}

/** A Chinese problem with a duration the panel accepts as text, or null when it is valid. */
export function durationProblem(text: string | undefined): string | null {
  const value = (text ?? '').trim();
  if (!value || value.startsWith('=')) return null;
  return parseDuration(value) ? null : '时限格式不正确：应为“15WD”（工作日）或 ISO 8601 时长，如 P7D、P1W、P2M、PT4H';
}
