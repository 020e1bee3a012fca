/**
 * Chinese words the designer shows: element types, the `duban:` settings by name,
 * service actions and seals; and problem messages with attribute names replaced
 * by those words, so an administrator never reads XML names.
 */
import { SEALS as ENGINE_SEALS, SERVICE_ACTIONS as ENGINE_ACTIONS, type ServiceAction } from '@/engine/vocabulary';

/** Chinese names of element types, by moddle type. */
export const TYPE_NAMES: Record<string, string> = {
  'bpmn:Process': '流程',
  'bpmn:Collaboration': '协作',
  'bpmn:UserTask': '用户任务',
  'bpmn:ServiceTask': '服务任务',
  'bpmn:CallActivity': '调用子流程',
  'bpmn:SubProcess': '子流程',
  'bpmn:Task': '任务（未指定类型）',
  'bpmn:StartEvent': '开始事件',
  'bpmn:EndEvent': '结束事件',
  'bpmn:IntermediateCatchEvent': '中间捕获事件',
  'bpmn:IntermediateThrowEvent': '中间抛出事件',
  'bpmn:BoundaryEvent': '边界事件',
  'bpmn:ExclusiveGateway': '排他网关',
  'bpmn:ParallelGateway': '并行网关',
  'bpmn:InclusiveGateway': '包容网关',
  'bpmn:EventBasedGateway': '事件网关',
  'bpmn:SequenceFlow': '连线',
  'bpmn:TextAnnotation': '文字注释',
  'bpmn:Group': '分组',
  'bpmn:DataObjectReference': '数据对象',
  'bpmn:DataStoreReference': '数据存储',
};

/** Chinese names of the `duban:` settings (and the few BPMN attributes messages mention). */
export const SETTING_NAMES: Record<string, string> = {
  startSources: '启动来源',
  category: '流程类别',
  materials: '归档材料',
  assignee: '指定人员',
  role: '角色',
  roleScope: '角色范围',
  unit: '办理单位',
  liaison: '联系副主任',
  formKey: '表单',
  editable: '可编辑字段',
  readonly: '只读字段',
  hidden: '隐藏字段',
  fieldDefault: '未列字段的权限',
  outcomes: '办理结果选项',
  due: '办理时限',
  dueFrom: '时限起算点',
  warn: '黄灯预警',
  remindBefore: '到期前提醒',
  remindEvery: '逾期催办间隔',
  action: '服务动作',
  docType: '文种',
  seal: '印章',
  template: '公文模板',
  notifyTo: '通知对象',
  resultVariable: '结果变量',
  scoring: '计分阶段',
  in: '传入变量',
  out: '传回变量',
  collection: '会签列表',
  elementVariable: '当前项变量',
  calledElement: '被调用流程',
  completionCondition: '完成条件',
  conditionExpression: '连线条件',
};

/** What each service action does, in a line of help for the properties panel. */
const SERVICE_HELP: Record<ServiceAction, string> = {
  number: '按文种和年度生成连续编号',
  seal: '加盖督查室公章或县长印章',
  notify: '通知角色、单位或表达式给出的对象',
  document: '按模板生成 .docx 公文',
  archive: '检查归档材料并移交档案',
  score: '记录考核事件、年终汇总或公布绩效评估结果',
  extend: '把申请延期环节的期限改为批准的日期（放在延期审批路径的末尾）',
};

/** Service actions with their Chinese names (the engine's vocabulary). */
export const SERVICE_ACTIONS: { value: string; label: string; help: string }[] = (Object.keys(ENGINE_ACTIONS) as ServiceAction[]).map((value) => ({
  value,
  label: ENGINE_ACTIONS[value],
  help: SERVICE_HELP[value],
}));

/** Seals with their Chinese names (the engine's vocabulary). */
export const SEALS: { value: string; label: string }[] = Object.entries(ENGINE_SEALS).map(([value, label]) => ({ value, label }));

/** A problem message with `duban:xxx` and technical attribute names replaced by Chinese words. */
export function humanizeMessage(message: string): string {
  return message
    .replace(/（?\(?duban:([A-Za-z]+)\)?）?/g, (whole, name: string) => {
      const word = SETTING_NAMES[name];
      if (!word) return whole;
      // "未指定表单（duban:formKey）" → "未指定表单（表单）" reads oddly: drop parenthesised names.
      return whole.startsWith('（') || whole.startsWith('(') ? '' : `“${word}”`;
    })
    .replace(/\bcompletionCondition\b/g, '完成条件')
    .replace(/\bcalledElement\b/g, '被调用流程')
    .replace(/\berrorCode\b/g, '错误码');
}
