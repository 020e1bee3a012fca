import { parseDuration, type ParsedDuration } from '../../calendar/duration';
import { isDateString, parseDateOrDateTime } from '../../calendar/time';
import { attr, body, is, label, titled, type ModdleNode, type Reporter, type RuleDefinition } from '../helpers';

/** Deadline attributes and how they read in a message. */
const DEADLINES: [name: string, title: string][] = [
  ['due', '期限'],
  ['warn', '预警提前量'],
  ['remindBefore', '到期前提醒'],
  ['remindEvery', '逾期提醒间隔'],
];

/** A cycle: 'R/<duration>' (unbounded) or 'R<n>/<duration>', as the engine reads it. */
const CYCLE = /^R(\d*)\/(.+)$/;

/**
 * Rule: deadlines (duban:due, warn, remindBefore, remindEvery) and timer
 * definitions are well formed: 'NWD' or ISO 8601 durations (as the calendar
 * parses them), ISO dates for timeDate (and for a literal due date), 'R/…' or
 * 'Rn/…' cycles, or a FEEL expression after '='.
 */
export default function dubanDuration(): RuleDefinition {
  return {
    check(node: ModdleNode, reporter: Reporter) {
      if (is(node, 'bpmn:TimerEventDefinition')) {
        checkTimer(node, node.$parent!, reporter);
        return;
      }
      if (!is(node, 'bpmn:FlowNode')) return;
      for (const [name, title] of DEADLINES) {
        const value = attr(node, name);
        if (value === undefined || value.startsWith('=')) continue;
        // The engine takes a literal date as the due date itself.
        if (name === 'due' && isDate(value)) continue;
        const parsed = parseDuration(value);
        if (!parsed) {
          reporter.report(node.id!, `${titled(node)}的${title}“${value}”格式不正确，应为“15WD”、“P7D”、“PT4H”或以“=”开头的表达式`);
        } else if (name === 'remindEvery' && isZero(parsed)) {
          reporter.report(node.id!, `${titled(node)}的${title}“${value}”不能为零`);
        }
      }
      for (const name of ['warn', 'remindBefore', 'remindEvery']) {
        if (attr(node, name) !== undefined && attr(node, 'due') === undefined) {
          reporter.report(node.id!, `${titled(node)}设置了 duban:${name}，但没有期限 duban:due`);
        }
      }
    },
  };
}

function checkTimer(definition: ModdleNode, event: ModdleNode, reporter: Reporter): void {
  const parts = (['timeDuration', 'timeDate', 'timeCycle'] as const).filter((part) => definition[part]);
  if (parts.length !== 1) {
    const problem = parts.length === 0 ? '未设置时间' : '只能设置时长、日期、周期中的一种';
    reporter.report(event.id!, `定时器${label(event)}${problem}`);
    return;
  }
  const part = parts[0];
  const value = body(definition[part]);
  if (value === undefined) {
    reporter.report(event.id!, `定时器${label(event)}的时间为空`);
    return;
  }
  // Expressions are checked by duban-feel; their result is only known at run time.
  if (value.startsWith('=')) return;
  if (part === 'timeDuration' && !parseDuration(value)) {
    reporter.report(event.id!, `定时器${label(event)}的时长“${value}”格式不正确，应为“3WD”、“P7D”、“PT4H”或以“=”开头的表达式`);
  }
  if (part === 'timeDate' && !isDate(value)) {
    reporter.report(event.id!, `定时器${label(event)}的日期“${value}”格式不正确，应为“2025-03-01”或“2025-03-01T09:00:00+08:00”`);
  }
  if (part === 'timeCycle') {
    const match = CYCLE.exec(value);
    const parsed = match ? parseDuration(match[2].trim()) : null;
    if (!parsed) {
      reporter.report(event.id!, `定时器${label(event)}的周期“${value}”格式不正确，应为“R/3WD”或“R3/P1D”`);
    } else if (isZero(parsed)) {
      reporter.report(event.id!, `定时器${label(event)}的周期“${value}”间隔不能为零`);
    }
  }
}

/** Whether a literal is a date or date-time the engine accepts. */
function isDate(value: string): boolean {
  if (isDateString(value)) return true;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return false;
  try {
    return Number.isFinite(parseDateOrDateTime(value));
  } catch {
    return false; // malformed: reported by the caller
  }
}

function isZero(parsed: ParsedDuration): boolean {
  if (parsed.kind === 'workdays') return parsed.workdays === 0;
  const { years, months, weeks, days, hours, minutes, seconds } = parsed;
  return years + months + weeks + days + hours + minutes + seconds === 0;
}
