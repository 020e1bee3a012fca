import type {
  AssignmentType,
  ElementModel,
  ElementType,
  FieldAccess,
  FieldPermissions,
  FlowModel,
  Problem,
  ProcessModel,
  ServiceAction,
} from '../types';
import { problem, type ModdleElement } from './read';

const TYPES: Record<string, ElementType> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:UserTask': 'userTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
  'bpmn:SubProcess': 'subProcess',
  'bpmn:CallActivity': 'callActivity',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
};

const IGNORED = new Set(['bpmn:SequenceFlow', 'bpmn:TextAnnotation', 'bpmn:Association', 'bpmn:Group', 'bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

const ACTIVITY_TYPES = new Set<ElementType>(['userTask', 'serviceTask', 'subProcess', 'callActivity']);

/** Split a `a, b; c` list attribute into trimmed names. */
export function splitList(value: string | undefined, sep = /[,;，；]/): string[] {
  if (!value) return [];
  return value.split(sep).map((s) => s.trim()).filter(Boolean);
}

function attr(el: ModdleElement, name: string): string | undefined {
  const v = typeof el.get === 'function' ? el.get(`duban:${name}`) : undefined;
  return v === undefined || v === null || v === '' ? undefined : String(v);
}

/** A duban: attribute that may be set empty on purpose (empty = "none"); undefined when absent. */
function listAttr(el: ModdleElement, name: string): string[] | undefined {
  const v = typeof el.get === 'function' ? el.get(`duban:${name}`) : undefined;
  return v === undefined || v === null ? undefined : splitList(String(v));
}

function fieldPermissions(el: ModdleElement): FieldPermissions | undefined {
  const editable = splitList(attr(el, 'editable'));
  const readonly = splitList(attr(el, 'readonly'));
  const hidden = splitList(attr(el, 'hidden'));
  const def = attr(el, 'fieldDefault') as FieldAccess | undefined;
  if (!editable.length && !readonly.length && !hidden.length && !def) return undefined;
  const otherwise: FieldAccess = editable.includes('*') ? 'editable' : def ?? 'readonly';
  return { editable: editable.filter((f) => f !== '*'), readonly, hidden, otherwise };
}

function assignment(el: ModdleElement): ElementModel['assignment'] {
  const kinds: [string, AssignmentType][] = [
    ['assignee', 'user'],
    ['role', 'role'],
    ['unit', 'unit'],
    ['liaison', 'liaison'],
    // 用印审批: the keepers of a seal, as the role settings name them.
    ['sealKeeper', 'seal'],
  ];
  for (const [name, type] of kinds) {
    const value = attr(el, name);
    if (value) return { type, value, scope: type === 'role' ? attr(el, 'roleScope') : undefined };
  }
  return undefined;
}

function eventInfo(el: ModdleElement, out: ElementModel): void {
  const def = (el.eventDefinitions ?? [])[0] as ModdleElement | undefined;
  if (!def) {
    out.eventKind = 'none';
    return;
  }
  switch (def.$type) {
    case 'bpmn:TimerEventDefinition': {
      out.eventKind = 'timer';
      if (def.timeCycle) out.timer = { kind: 'cycle', value: String(def.timeCycle.body ?? '').trim() };
      else if (def.timeDate) out.timer = { kind: 'date', value: String(def.timeDate.body ?? '').trim() };
      else out.timer = { kind: 'duration', value: String(def.timeDuration?.body ?? '').trim() };
      break;
    }
    case 'bpmn:MessageEventDefinition':
      out.eventKind = 'message';
      out.messageName = def.messageRef?.name ?? def.messageRef?.id;
      break;
    case 'bpmn:SignalEventDefinition':
      out.eventKind = 'signal';
      out.signalName = def.signalRef?.name ?? def.signalRef?.id;
      break;
    case 'bpmn:ErrorEventDefinition':
      out.eventKind = 'error';
      out.errorCode = def.errorRef?.errorCode ?? undefined;
      break;
    case 'bpmn:TerminateEventDefinition':
      out.eventKind = 'terminate';
      break;
    default:
      out.eventKind = 'none';
  }
}

function compileElement(el: ModdleElement, parent: string | null, problems: Problem[]): ElementModel | null {
  const type = TYPES[el.$type];
  if (!type) {
    if (!IGNORED.has(el.$type)) {
      problems.push(problem('unsupported-element', el.id ?? '?', `暂不支持元素“${el.name || el.id || '?'}”的类型，流程无法执行它`, 'error', el.name));
    }
    return null;
  }
  const m: ElementModel = {
    id: el.id!,
    type,
    name: el.name ?? el.id!,
    parent,
    incoming: (el.incoming ?? []).map((f: ModdleElement) => f.id!),
    outgoing: (el.outgoing ?? []).map((f: ModdleElement) => f.id!),
  };
  const doc = (el.documentation ?? [])[0]?.text;
  if (doc) m.documentation = String(doc);
  if (type.endsWith('Event')) eventInfo(el, m);
  if (type === 'boundaryEvent') {
    m.attachedTo = el.attachedToRef?.id;
    m.cancelActivity = el.cancelActivity !== false;
  }
  if (type.endsWith('Gateway') && el.default) m.defaultFlow = el.default.id;
  if (ACTIVITY_TYPES.has(type)) {
    const due = attr(el, 'due');
    if (due) {
      m.due = {
        due,
        from: attr(el, 'dueFrom'),
        warn: attr(el, 'warn'),
        remindBefore: attr(el, 'remindBefore'),
        remindEvery: attr(el, 'remindEvery'),
      };
    }
    const loop = el.loopCharacteristics as ModdleElement | undefined;
    if (loop && loop.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
      m.multi = {
        sequential: loop.isSequential === true,
        collection: attr(loop, 'collection') ?? '',
        elementVariable: attr(loop, 'elementVariable') ?? 'item',
        completionCondition: loop.completionCondition?.body ? String(loop.completionCondition.body).trim() : undefined,
      };
    }
  }
  if (type === 'userTask') {
    m.assignment = assignment(el);
    m.formKey = attr(el, 'formKey');
    m.fields = fieldPermissions(el);
    const outcomes = splitList(attr(el, 'outcomes'));
    if (outcomes.length) m.outcomes = outcomes;
    const negative = listAttr(el, 'negativeOutcomes');
    if (negative !== undefined) m.negativeOutcomes = negative;
    const opinion = listAttr(el, 'opinionRequired');
    if (opinion !== undefined) m.opinionRequired = opinion;
    const sealDocType = attr(el, 'sealDocType');
    if (sealDocType) m.params = { docType: sealDocType };
  }
  if (type === 'serviceTask') {
    m.action = attr(el, 'action') as ServiceAction | undefined;
    const params: Record<string, string> = Object.create(null);
    for (const p of ['docType', 'seal', 'template', 'notifyTo', 'materials', 'resultVariable', 'each', 'series', 'scoring']) {
      const v = attr(el, p);
      if (v) params[p] = v;
    }
    m.params = params;
  }
  if (type === 'callActivity') {
    m.calledElement = el.calledElement ?? undefined;
    m.inputs = splitList(attr(el, 'in'));
    m.outputs = splitList(attr(el, 'out'));
  }
  return m;
}

function walk(
  container: ModdleElement,
  parent: string | null,
  elements: Record<string, ElementModel>,
  flows: Record<string, FlowModel>,
  problems: Problem[],
): void {
  for (const el of (container.flowElements ?? []) as ModdleElement[]) {
    if (el.$type === 'bpmn:SequenceFlow') {
      flows[el.id!] = {
        id: el.id!,
        name: el.name ?? '',
        source: el.sourceRef?.id,
        target: el.targetRef?.id,
        condition: el.conditionExpression?.body ? String(el.conditionExpression.body).trim() : undefined,
      };
      continue;
    }
    const m = compileElement(el, parent, problems);
    if (!m) continue;
    elements[m.id] = m;
    if (m.type === 'subProcess') walk(el, m.id, elements, flows, problems);
  }
}

function startOf(elements: Record<string, ElementModel>, parent: string | null): string | undefined {
  return Object.values(elements).find((e) => e.parent === parent && e.type === 'startEvent' && e.eventKind === 'none')?.id;
}

// Derive incoming/outgoing from the flows, so hand-written XML without <incoming> children works too.
function linkFlows(elements: Record<string, ElementModel>, flows: Record<string, FlowModel>): void {
  for (const el of Object.values(elements)) {
    el.incoming = [];
    el.outgoing = [];
  }
  for (const f of Object.values(flows)) {
    elements[f.source]?.outgoing.push(f.id);
    elements[f.target]?.incoming.push(f.id);
  }
  for (const el of Object.values(elements)) {
    if (el.type === 'boundaryEvent' && el.attachedTo && elements[el.attachedTo]) {
      (elements[el.attachedTo].boundary ??= []).push(el.id);
    }
  }
}

// For each inclusive join: the elements from which a token could still arrive.
function inclusiveReach(elements: Record<string, ElementModel>, flows: Record<string, FlowModel>): Record<string, string[]> {
  const reach: Record<string, string[]> = Object.create(null);
  for (const gw of Object.values(elements)) {
    if (gw.type !== 'inclusiveGateway' || gw.incoming.length < 2) continue;
    const seen = new Set<string>();
    const queue = gw.incoming.map((f) => flows[f].source);
    while (queue.length) {
      const id = queue.pop()!;
      if (seen.has(id) || id === gw.id || !elements[id]) continue;
      seen.add(id);
      const el = elements[id];
      for (const f of el.incoming) queue.push(flows[f].source);
      if (el.type === 'boundaryEvent' && el.attachedTo) queue.push(el.attachedTo);
    }
    reach[gw.id] = [...seen];
  }
  return reach;
}

/** Compile one bpmn:Process into an executable model; structural problems are appended to `problems`. */
/**
 * Settle each user task's negative outcomes and the outcomes needing an opinion: its own
 * `duban:negativeOutcomes` / `duban:opinionRequired`, else the process's, kept to the outcomes
 * the task offers (`*` = all of them); an opinion is required by default for the negative ones.
 */
function declareOutcomes(proc: ModdleElement, elements: Record<string, ElementModel>): void {
  const processNegative = listAttr(proc, 'negativeOutcomes') ?? [];
  const processOpinion = listAttr(proc, 'opinionRequired');
  for (const el of Object.values(elements)) {
    if (el.type !== 'userTask' || !el.outcomes) continue;
    const offered = el.outcomes;
    const keep = (list: string[]) => (list.includes('*') ? [...offered] : offered.filter((o) => list.includes(o)));
    el.negativeOutcomes = keep(el.negativeOutcomes ?? processNegative);
    const opinion = el.opinionRequired ?? processOpinion;
    el.opinionRequired = opinion ? keep(opinion) : [...el.negativeOutcomes];
    if (!el.negativeOutcomes.length) delete el.negativeOutcomes;
    if (!el.opinionRequired.length) delete el.opinionRequired;
  }
}

export function compileProcess(proc: ModdleElement, version: number, problems: Problem[]): ProcessModel {
  // Keyed by diagram ids, which may be `__proto__` or `constructor`: no prototype to collide with.
  const elements: Record<string, ElementModel> = Object.create(null);
  const flows: Record<string, FlowModel> = Object.create(null);
  walk(proc, null, elements, flows, problems);
  linkFlows(elements, flows);
  for (const el of Object.values(elements)) {
    if (el.type === 'subProcess') el.start = startOf(elements, el.id);
  }
  declareOutcomes(proc, elements);
  const start = startOf(elements, null) ?? '';
  if (!start) problems.push(problem('no-start-event', proc.id ?? '?', `流程“${proc.name ?? proc.id}”缺少开始事件`, 'error', proc.name));
  return {
    key: proc.id!,
    name: proc.name ?? proc.id!,
    version,
    start,
    elements,
    flows,
    reach: inclusiveReach(elements, flows),
  };
}
