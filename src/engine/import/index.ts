/**
 * The import assistant's translation, pure and shared by the designer and the
 * tests: a diagram from Camunda 7 or 8, Flowable or Activiti is read for what it
 * already says (assignees and candidates, form keys, due dates, `${…}`
 * conditions, timers, multi-instance collections); the administrator maps each
 * group or user to a role, a unit or a person and each form key to one of our
 * forms; `applyImport` writes the `duban:` equivalents and lists what could not
 * be carried over. A file without diagram layout gets one (bpmn-auto-layout).
 */
import { layoutProcess } from 'bpmn-auto-layout';
import { createModdle, readDefinitions, type ModdleElement } from '../definition/read';
import { executableProcesses } from '../definition';
import { foreignAttr, foreignExtensions, vendorPrefixes, VENDOR_NAMES, type Vendor } from '../definition/foreign';
import { isExpression } from '../expressions/feel';
import type { Problem } from '../types';
import { juelBody, juelToFeel } from './juel';

/** One group or user named by the file, to be mapped by the administrator. */
export interface ImportPrincipal {
  /** Stable key: `group:<name>` or `user:<name>`. */
  key: string;
  kind: 'group' | 'user';
  name: string;
  /** The user tasks naming it. */
  elements: string[];
}

/** One form key named by the file, to be mapped to one of our forms. */
export interface ImportForm {
  value: string;
  elements: string[];
}

/** One expression the assistant translated or could not translate. */
export interface ImportExpression {
  elementId: string;
  /** Where it was found, in Chinese (e.g. 连线“通过”的条件). */
  where: string;
  source: string;
  /** The FEEL it becomes; absent when it cannot be translated. */
  feel?: string;
}

/** What a foreign diagram says, for the review table. */
export interface ImportReport {
  /** The engines whose settings were found, by name. */
  vendors: string[];
  /** Whether the file has a diagram layout (else one is generated). */
  hasLayout: boolean;
  principals: ImportPrincipal[];
  forms: ImportForm[];
  expressions: ImportExpression[];
  /** Due dates and timers with their carried value. */
  deadlines: ImportExpression[];
  /** What cannot be carried over, one Chinese line each. */
  notCarried: { elementId: string; message: string }[];
  /** The user tasks, and whether the file names a handler and a form for each. */
  tasks: { id: string; name: string; hasAssignee: boolean; hasForm: boolean }[];
}

/** Where a group or user goes in Duban: a role (optionally scoped), a unit, or a person. */
export type ImportTarget = { type: 'role'; value: string; scope?: string } | { type: 'unit'; value: string } | { type: 'user'; value: string };

/** The administrator's choices in the review table. */
export interface ImportMapping {
  /** By ImportPrincipal.key. */
  principals: Record<string, ImportTarget | undefined>;
  /** By foreign form key: our form key. */
  forms: Record<string, string | undefined>;
  /** For user tasks the file gives no handler (or none that was mapped). */
  defaultAssignee?: ImportTarget;
  /** For user tasks the file gives no form. */
  defaultForm?: string;
}

const ASSIGNMENT_ATTRS = ['role', 'roleScope', 'unit', 'liaison', 'assignee'];

interface TaskSettings {
  assignee?: string;
  candidateUsers: string[];
  candidateGroups: string[];
  formKey?: string;
  dueDate?: string;
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function title(el: ModdleElement): string {
  return `“${(el.name ?? '').trim() || el.id}”`;
}

// Every flow element of the executable processes, sub-processes included, without recursion.
function flowElements(definitions: ModdleElement): ModdleElement[] {
  const out: ModdleElement[] = [];
  const stack = [...executableProcesses(definitions)];
  while (stack.length) {
    for (const el of (stack.pop()!.flowElements ?? []) as ModdleElement[]) {
      out.push(el);
      if (el.flowElements) stack.push(el);
    }
  }
  return out;
}

function taskSettings(el: ModdleElement): TaskSettings {
  const s: TaskSettings = { candidateUsers: [], candidateGroups: [] };
  s.assignee = foreignAttr(el, 'assignee')?.value;
  s.candidateUsers = list(foreignAttr(el, 'candidateUsers')?.value);
  s.candidateGroups = list(foreignAttr(el, 'candidateGroups')?.value);
  s.formKey = foreignAttr(el, 'formKey')?.value;
  s.dueDate = foreignAttr(el, 'dueDate')?.value;
  for (const { element } of foreignExtensions(el, 'assignmentDefinition')) {
    s.assignee ??= element.assignee ?? element.$attrs?.assignee;
    if (!s.candidateUsers.length) s.candidateUsers = list(element.candidateUsers ?? element.$attrs?.candidateUsers);
    if (!s.candidateGroups.length) s.candidateGroups = list(element.candidateGroups ?? element.$attrs?.candidateGroups);
  }
  for (const { element } of foreignExtensions(el, 'formDefinition')) s.formKey ??= element.formKey ?? element.formId ?? element.$attrs?.formKey ?? element.$attrs?.formId;
  for (const { element } of foreignExtensions(el, 'taskSchedule')) s.dueDate ??= element.dueDate ?? element.$attrs?.dueDate;
  // Plain BPMN: <potentialOwner> with a group name, as Flowable's examples write it.
  for (const r of (el.resources ?? []) as ModdleElement[]) {
    const body = r.resourceAssignmentExpression?.expression?.body;
    if (typeof body !== 'string' || !body.trim()) continue;
    const text = body.trim();
    const user = /^user\(([^)]+)\)$/.exec(text);
    const group = /^group\(([^)]+)\)$/.exec(text);
    if (r.$type === 'bpmn:HumanPerformer' || user) s.assignee ??= user ? user[1].trim() : text;
    else s.candidateGroups.push(...list(group ? group[1] : text));
  }
  return s;
}

// A foreign expression value: `${name}` / `#{name}` → `= name`, FEEL stays, a literal stays; undefined = not simple.
function valueOf(text: string): { literal?: string; feel?: string } | undefined {
  if (isExpression(text)) return { feel: text };
  if (juelBody(text) === undefined) return { literal: text };
  const feel = juelToFeel(text);
  return feel ? { feel } : undefined;
}

/** Read a diagram from another engine and list what it says, for the review table. */
export async function inspectImport(xml: string): Promise<{ report?: ImportReport; problems: Problem[] }> {
  const { definitions, problems } = await readDefinitions(xml);
  if (!definitions) return { problems };
  const report: ImportReport = {
    vendors: [...new Set(vendorPrefixes(definitions).map(([, v]) => VENDOR_NAMES[v as Vendor]))],
    hasLayout: hasLayout(definitions),
    principals: [],
    forms: [],
    expressions: [],
    deadlines: [],
    notCarried: [],
    tasks: [],
  };
  const principals = new Map<string, ImportPrincipal>();
  const forms = new Map<string, ImportForm>();
  const addPrincipal = (kind: 'group' | 'user', name: string, elementId: string) => {
    const key = `${kind}:${name}`;
    const p = principals.get(key) ?? { key, kind, name, elements: [] };
    if (!p.elements.includes(elementId)) p.elements.push(elementId);
    principals.set(key, p);
  };
  const lost = (el: ModdleElement, message: string) => report.notCarried.push({ elementId: el.id ?? '', message });

  for (const el of flowElements(definitions)) {
    if (el.$type === 'bpmn:UserTask') {
      const s = taskSettings(el);
      report.tasks.push({ id: el.id!, name: (el.name ?? '').trim() || el.id!, hasAssignee: !!(s.assignee || s.candidateUsers.length || s.candidateGroups.length), hasForm: !!s.formKey });
      for (const [kind, names] of [['user', s.assignee ? [s.assignee] : []], ['user', s.candidateUsers], ['group', s.candidateGroups]] as const) {
        for (const name of names) {
          if (juelBody(name) !== undefined) {
            const v = valueOf(name);
            if (v?.feel) report.expressions.push({ elementId: el.id!, where: `用户任务${title(el)}的办理人`, source: name, feel: v.feel });
            else lost(el, `用户任务${title(el)}的办理人表达式“${name}”无法转换，请在属性面板中重新设置办理人`);
          } else addPrincipal(kind, name, el.id!);
        }
      }
      if (s.formKey) {
        const f = forms.get(s.formKey) ?? { value: s.formKey, elements: [] };
        f.elements.push(el.id!);
        forms.set(s.formKey, f);
      }
      if (s.dueDate) report.deadlines.push(deadline(el, `用户任务${title(el)}的期限`, s.dueDate));
    }
    if (el.$type === 'bpmn:SequenceFlow' && typeof el.conditionExpression?.body === 'string' && el.conditionExpression.body.trim()) {
      const source = el.conditionExpression.body.trim();
      if (juelBody(source) !== undefined || el.conditionExpression.language) {
        report.expressions.push({ elementId: el.id!, where: `连线${title(el)}的条件`, source, feel: juelToFeel(source) });
      }
    }
    const loop = el.loopCharacteristics as ModdleElement | undefined;
    if (loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
      const collection = foreignAttr(loop, 'collection')?.value ?? foreignExtensions(loop, 'loopCharacteristics')[0]?.element.inputCollection ?? foreignExtensions(el, 'loopCharacteristics')[0]?.element.inputCollection;
      if (collection) {
        const v = /^[A-Za-z_][\w.]*$/.test(collection) ? { feel: `= ${collection}` } : valueOf(collection);
        report.expressions.push({ elementId: el.id!, where: `${title(el)}的多实例集合`, source: collection, feel: v?.feel });
      }
      const completion = loop.completionCondition?.body;
      if (typeof completion === 'string' && juelBody(completion) !== undefined) {
        report.expressions.push({ elementId: el.id!, where: `${title(el)}的多实例完成条件`, source: completion.trim(), feel: juelToFeel(completion) });
      }
    }
    for (const def of (el.eventDefinitions ?? []) as ModdleElement[]) {
      if (def.$type !== 'bpmn:TimerEventDefinition') continue;
      for (const part of ['timeDuration', 'timeDate', 'timeCycle']) {
        const body = def[part]?.body;
        if (typeof body === 'string' && body.trim()) report.deadlines.push(deadline(el, `定时器${title(el)}的时间`, body.trim()));
      }
    }
    notCarried(el, lost);
  }
  for (const e of report.expressions) if (!e.feel) report.notCarried.push({ elementId: e.elementId, message: `${e.where}“${e.source}”无法自动转换为 FEEL，请在属性面板中改写` });
  for (const d of report.deadlines) if (!d.feel) report.notCarried.push({ elementId: d.elementId, message: `${d.where}“${d.source}”无法自动转换，请在属性面板中重新设置` });
  report.principals = [...principals.values()];
  report.forms = [...forms.values()];
  return { report, problems };
}

function deadline(el: ModdleElement, where: string, source: string): ImportExpression {
  // ISO 8601 durations, dates and cycles are read by our engine as they are.
  if (/^(R\d*\/)?P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(source) || /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(source)) {
    return { elementId: el.id!, where, source, feel: source };
  }
  const v = valueOf(source);
  return { elementId: el.id!, where, source, feel: v?.feel };
}

// Settings of another engine the assistant cannot carry: implementations, listeners, mappings, scripts.
function notCarried(el: ModdleElement, lost: (el: ModdleElement, message: string) => void): void {
  const impl = foreignAttr(el, 'class', 'delegateExpression', 'expression', 'type', 'topic');
  const zeebeTask = foreignExtensions(el, 'taskDefinition')[0];
  if (el.$type === 'bpmn:ServiceTask' && (impl || zeebeTask)) {
    lost(el, `服务任务${title(el)}调用 ${impl ? VENDOR_NAMES[impl.vendor] : 'Camunda 8'} 的程序（${impl ? `${impl.name}=“${impl.value}”` : `type=“${zeebeTask!.element.type ?? ''}”`}），本系统不能执行；请改为本系统的服务动作（编号、用印、通知、生成公文、归档、计分）或用户任务`);
  }
  if (el.$type === 'bpmn:ScriptTask') lost(el, `脚本任务${title(el)}的脚本不能带入，请改为用户任务或服务动作`);
  if (el.$type === 'bpmn:BusinessRuleTask') lost(el, `业务规则任务${title(el)}（决策表）不能带入，请改为网关条件`);
  for (const name of ['executionListener', 'taskListener']) {
    if (foreignExtensions(el, name).length) lost(el, `${title(el)}的${name === 'taskListener' ? '任务' : '执行'}监听器不能带入（本系统不执行外部程序）`);
  }
  if (foreignExtensions(el, 'inputOutput').length || foreignExtensions(el, 'ioMapping').length) lost(el, `${title(el)}的输入输出变量映射不能带入，请在表单或调用活动中设置变量`);
  if (foreignExtensions(el, 'formData').length || foreignExtensions(el, 'formProperty').length) lost(el, `${title(el)}在文件中定义的表单字段不能带入，请选择本系统的表单`);
  if (el.$type === 'bpmn:StartEvent' && foreignAttr(el, 'formKey')) lost(el, `开始事件${title(el)}的表单“${foreignAttr(el, 'formKey')!.value}”不能带入：本系统的登记表单由流程的立项页面提供`);
}

function hasLayout(definitions: ModdleElement): boolean {
  return ((definitions.diagrams ?? []) as ModdleElement[]).some((d) => (d.plane?.planeElement ?? []).length > 0);
}

/** Write the mapped settings as `duban:` attributes, translate the expressions, lay out a file without layout. */
export async function applyImport(xml: string, mapping: ImportMapping): Promise<{ xml?: string; problems: Problem[]; notCarried: { elementId: string; message: string }[] }> {
  const inspected = await inspectImport(xml);
  if (!inspected.report) return { problems: inspected.problems, notCarried: [] };
  const { definitions } = await readDefinitions(xml);
  const notCarried = [...inspected.report.notCarried];
  const feelOf = new Map(inspected.report.expressions.filter((e) => e.feel).map((e) => [`${e.elementId}|${e.where}`, e.feel!]));
  const prefixes = vendorPrefixes(definitions!).map(([prefix]) => prefix);
  const dropForeign = (el: ModdleElement, ...names: string[]) => {
    for (const prefix of prefixes) for (const name of names) delete el.$attrs?.[`${prefix}:${name}`];
  };

  for (const el of flowElements(definitions!)) {
    if (el.$type === 'bpmn:UserTask') {
      const s = taskSettings(el);
      const candidates: [ImportPrincipal['kind'], string][] = [
        ...(s.assignee ? [['user', s.assignee] as ['user', string]] : []),
        ...s.candidateGroups.map((g) => ['group', g] as ['group', string]),
        ...s.candidateUsers.map((u) => ['user', u] as ['user', string]),
      ];
      const hasDuban = ASSIGNMENT_ATTRS.some((a) => el.get(`duban:${a}`));
      let chosen: ImportTarget | undefined;
      const expression = s.assignee && juelBody(s.assignee) !== undefined ? feelOf.get(`${el.id}|用户任务${title(el)}的办理人`) : undefined;
      if (expression) chosen = { type: 'user', value: expression };
      for (const [kind, name] of candidates) {
        const target = mapping.principals[`${kind}:${name}`];
        if (!target) continue;
        if (!chosen) chosen = target;
        else if (JSON.stringify(target) !== JSON.stringify(chosen)) notCarried.push({ elementId: el.id!, message: `用户任务${title(el)}有多个候选办理人，只带入了第一个；“${name}”未带入` });
      }
      if (!chosen && !hasDuban && mapping.defaultAssignee) chosen = mapping.defaultAssignee;
      if (!hasDuban && chosen) {
        el.set(`duban:${chosen.type === 'user' ? 'assignee' : chosen.type}`, chosen.value);
        if (chosen.type === 'role' && chosen.scope) el.set('duban:roleScope', chosen.scope);
        dropForeign(el, 'assignee', 'candidateUsers', 'candidateGroups');
      } else if (!hasDuban && candidates.length) {
        notCarried.push({ elementId: el.id!, message: `用户任务${title(el)}的办理人（${candidates.map(([, n]) => n).join('、')}）没有对应到角色、单位或人员，请在属性面板中设置` });
      }
      if (!s.formKey && !el.get('duban:formKey') && mapping.defaultForm) el.set('duban:formKey', mapping.defaultForm);
      if (s.formKey) {
        const ours = mapping.forms[s.formKey] ?? mapping.defaultForm;
        if (ours && !el.get('duban:formKey')) {
          el.set('duban:formKey', ours);
          dropForeign(el, 'formKey');
        } else if (!ours) notCarried.push({ elementId: el.id!, message: `用户任务${title(el)}的表单“${s.formKey}”没有对应到本系统的表单，请在属性面板中选择` });
      }
      if (s.dueDate) {
        const d = deadline(el, '', s.dueDate);
        if (d.feel && !el.get('duban:due')) {
          el.set('duban:due', d.feel);
          dropForeign(el, 'dueDate');
        }
      }
    }
    if (el.$type === 'bpmn:SequenceFlow' && el.conditionExpression) {
      const feel = feelOf.get(`${el.id}|连线${title(el)}的条件`);
      if (feel) {
        el.conditionExpression.body = feel;
        delete el.conditionExpression.language;
      }
    }
    const loop = el.loopCharacteristics as ModdleElement | undefined;
    if (loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
      const collection = feelOf.get(`${el.id}|${title(el)}的多实例集合`);
      const variable = foreignAttr(loop, 'elementVariable')?.value ?? foreignExtensions(loop, 'loopCharacteristics')[0]?.element.inputElement ?? foreignExtensions(el, 'loopCharacteristics')[0]?.element.inputElement;
      if (collection) loop.set('duban:collection', collection);
      if (variable) loop.set('duban:elementVariable', String(variable));
      dropForeign(loop, 'collection', 'elementVariable');
      const completion = feelOf.get(`${el.id}|${title(el)}的多实例完成条件`);
      if (completion) loop.completionCondition.body = completion;
    }
    for (const def of (el.eventDefinitions ?? []) as ModdleElement[]) {
      if (def.$type !== 'bpmn:TimerEventDefinition') continue;
      for (const part of ['timeDuration', 'timeDate', 'timeCycle']) {
        const body = def[part]?.body;
        if (typeof body !== 'string' || juelBody(body.trim()) === undefined) continue;
        const feel = juelToFeel(body.trim());
        if (feel) def[part].body = feel;
      }
    }
  }
  // Every process that can run is marked so; our namespace is declared on the root.
  definitions!.$attrs ??= {};
  definitions!.$attrs['xmlns:duban'] = 'http://duban.gov.cn/schema/bpmn';
  const moddle = createModdle();
  let { xml: out } = await moddle.toXML(definitions, { format: true });
  if (!inspected.report.hasLayout) {
    try {
      out = await layoutProcess(out);
    } catch (err) {
      notCarried.push({ elementId: '', message: `文件没有图形布局，自动排版失败（${err instanceof Error ? '流程结构过于复杂' : '未知原因'}），请在设计器中手工排列` });
    }
  }
  return { xml: out, problems: inspected.problems, notCarried };
}
