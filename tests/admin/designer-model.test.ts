/**
 * The designer's readings and writings of `duban:` settings: durations, assignees,
 * field permissions, flow conditions, 会签 modes; and the deadlines a calendar
 * change would move.
 */
import { describe, expect, it } from 'vitest';
import { movedDeadlines } from '../../src/components/admin/calendar/moves';
import { readAssignee, writeAssignee } from '../../src/components/admin/modeler/model/assignment';
import { describeCondition, formatCondition, parseCondition } from '../../src/components/admin/modeler/model/condition';
import { describeDurationText, durationProblem, readDuration, writeDuration } from '../../src/components/admin/modeler/model/duration';
import { humanizeMessage } from '../../src/components/admin/modeler/model/labels';
import { ANY_ONE, completionFor, readMulti } from '../../src/components/admin/modeler/model/multiInstance';
import { accessByField, readPermissions, writePermissions } from '../../src/components/admin/modeler/model/permissions';
import { isUnsupportedReplacement } from '../../src/components/admin/modeler/customize/DubanReplaceMenuFilter';
import { customTranslate } from '../../src/components/admin/modeler/translate';
import { WorkCalendar } from '../../src/engine';

describe('durations', () => {
  it('reads and writes N 工作日 / 自然日 / 周 / 个月 / 小时 and keeps expressions and other forms as text', () => {
    expect(readDuration('15WD')).toEqual({ mode: 'amount', amount: 15, unit: 'WD' });
    expect(readDuration('P2M')).toEqual({ mode: 'amount', amount: 2, unit: 'M' });
    expect(readDuration('=deadline')).toEqual({ mode: 'expression', text: '=deadline' });
    expect(readDuration('P1DT2H')).toEqual({ mode: 'other', text: 'P1DT2H' });
    expect(readDuration(undefined)).toEqual({ mode: 'none' });
    expect(writeDuration({ mode: 'amount', amount: 10, unit: 'WD' })).toBe('10WD');
    expect(writeDuration({ mode: 'amount', amount: 7, unit: 'D' })).toBe('P7D');
    expect(writeDuration({ mode: 'amount', amount: 4, unit: 'H' })).toBe('PT4H');
    expect(writeDuration({ mode: 'none' })).toBeUndefined();
    expect(describeDurationText('10WD')).toBe('10 个工作日');
    expect(durationProblem('15 days')).toMatch(/格式不正确/);
    expect(durationProblem('P1DT2H')).toBeNull();
  });
});

describe('assignees', () => {
  it('keeps exactly one kind: choosing a unit clears the role and its scope', () => {
    expect(readAssignee({ role: 'R3', roleScope: '=domain' })).toMatchObject({ kind: 'role', value: 'R3', scope: '=domain', conflicting: [] });
    expect(writeAssignee({ kind: 'unit', value: '=unit' })).toEqual({
      'duban:role': undefined,
      'duban:unit': '=unit',
      'duban:liaison': undefined,
      'duban:assignee': undefined,
      'duban:roleScope': undefined,
    });
    expect(readAssignee({ role: 'R8', unit: 'zjj' }).conflicting).toEqual(['role', 'unit']);
  });

  it('removing the assignee clears every kind', () => {
    expect(Object.values(writeAssignee({ kind: null, value: '' })).every((v) => v === undefined)).toBe(true);
  });
});

describe('field permissions', () => {
  it('lists only fields that differ from the default and keeps names the form does not have', () => {
    const before = readPermissions({ editable: 'outcome,pending', readonly: '', hidden: 'reasons' });
    const access = accessByField(before, ['outcome', 'reasons', 'needVerify']);
    expect(access).toEqual({ outcome: 'editable', reasons: 'hidden', needVerify: 'readonly' });
    const out = writePermissions(before, ['outcome', 'reasons', 'needVerify'], { ...access, needVerify: 'editable', reasons: 'readonly' }, 'readonly');
    expect(out).toEqual({ 'duban:editable': 'pending,outcome,needVerify', 'duban:readonly': undefined, 'duban:hidden': undefined, 'duban:fieldDefault': undefined });
  });

  it('stores a non-default access for unlisted fields', () => {
    expect(writePermissions(readPermissions({}), ['a'], { a: 'hidden' }, 'hidden')['duban:fieldDefault']).toBe('hidden');
  });
});

describe('flow conditions', () => {
  it('round-trips simple comparisons as FEEL', () => {
    for (const feel of ['=outcome = "通过"', '=score >= 60', '=needVerify = true', '=deadline != null', '=item.kind = "专项"']) {
      expect(formatCondition(parseCondition(feel)!)).toBe(feel);
    }
    expect(parseCondition('=deadline = null')).toEqual({ field: 'deadline', operator: 'empty' });
    expect(formatCondition({ field: 'mode', operator: '=', value: '协"办' })).toBe('=mode = "协\\"办"');
  });

  it('leaves anything else to the advanced editor', () => {
    expect(parseCondition('=outcome = "重办" or outcome = "补办"')).toBeNull();
    expect(parseCondition('=count(units) > 1')).toBeNull();
    expect(describeCondition('=outcome = "通过"', (n) => (n === 'outcome' ? '办理结果' : n))).toBe('办理结果 等于 通过');
    expect(formatCondition({ field: 'outcome', operator: '=' })).toBeNull();
  });
});

describe('会签 modes', () => {
  it('reads parallel-all, any-one, sequential and custom completion conditions', () => {
    const loop = (props: Record<string, unknown>) => ({ $type: 'bpmn:MultiInstanceLoopCharacteristics', ...props });
    expect(readMulti(undefined).mode).toBe('none');
    expect(readMulti(loop({})).mode).toBe('parallel-all');
    expect(readMulti(loop({ completionCondition: { body: ANY_ONE } })).mode).toBe('parallel-any');
    expect(readMulti(loop({ isSequential: true })).mode).toBe('sequential');
    expect(readMulti(loop({ completionCondition: { body: '=nrOfCompletedInstances >= 2' } })).mode).toBe('custom');
    expect(completionFor('parallel-any', '')).toBe('=nrOfCompletedInstances >= 1');
    expect(completionFor('parallel-all', '=x')).toBeUndefined();
  });
});

describe('Chinese modeler', () => {
  it('translates bpmn-js strings and fills replacements', () => {
    expect(customTranslate('Append end event')).toBe('追加结束事件');
    expect(customTranslate('{errors} Errors, {warnings} Warnings', { errors: 2, warnings: 0 })).toBe('2 个错误，0 个警告');
    expect(customTranslate('Open {element}', { element: '子流程' })).toBe('打开子流程');
  });

  it('offers only element types the engine runs in the replace menu', () => {
    expect(isUnsupportedReplacement('replace-with-script-task')).toBe(true);
    expect(isUnsupportedReplacement('replace-with-task')).toBe(true);
    expect(isUnsupportedReplacement('replace-with-escalation-end')).toBe(true);
    expect(isUnsupportedReplacement('replace-with-user-task')).toBe(false);
    expect(isUnsupportedReplacement('replace-with-timer-boundary')).toBe(false);
    expect(isUnsupportedReplacement('replace-with-terminate-end')).toBe(false);
  });

  it('speaks of settings, not attribute names, in problem messages', () => {
    expect(humanizeMessage('用户任务“审核”未指定表单（duban:formKey）')).toBe('用户任务“审核”未指定表单');
    expect(humanizeMessage('设置了 duban:roleScope，但没有 duban:role 可供限定')).toBe('设置了 “角色范围”，但没有 “角色” 可供限定');
  });
});

describe('deadlines a calendar change moves', () => {
  const row = (over: Record<string, unknown>) => ({ taskId: 't', itemTitle: '事项', itemCode: 'P2-1', name: '办理', createdAt: Date.parse('2026-12-01T09:00:00+08:00'), dueDate: '2026-12-15', due: '10WD', ...over });

  it('recounts working-day deadlines that span a new day off', () => {
    const current = new WorkCalendar();
    const next = new WorkCalendar({ overrides: [{ date: '2026-12-10', kind: 'holiday' }] });
    expect(movedDeadlines([row({})], current, next)).toEqual([expect.objectContaining({ dueDate: '2026-12-15', newDueDate: '2026-12-16' })]);
    // a day off after the deadline, or a calendar-day setting, moves nothing
    expect(movedDeadlines([row({ dueDate: '2026-12-09' })], current, next)).toEqual([]);
    expect(movedDeadlines([row({ due: 'P14D' })], current, next)).toEqual([]);
  });

  it('counts back from the deadline when the start is not recorded (waiting activities)', () => {
    const current = new WorkCalendar();
    const next = new WorkCalendar({ overrides: [{ date: '2026-12-10', kind: 'holiday' }] });
    expect(movedDeadlines([row({ createdAt: null })], current, next)[0]?.newDueDate).toBe('2026-12-16');
  });
});
