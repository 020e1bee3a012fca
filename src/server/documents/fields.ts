/**
 * The fields a document template may use, per template, and their values for one document.
 * The words of every document live in its .docx template (forms/templates/, editable by the
 * office); this module only says which facts of the item each placeholder stands for.
 * A template that names a field not listed here is refused on upload.
 */
import type { DirectoryService } from '../directory/directory.service';

/** The facts a document is made of. */
export interface FieldInput {
  vars: Record<string, unknown>;
  itemTitle: string;
  itemCode: string;
  county: { name: string };
  dir: DirectoryService;
  /** 成文日期 and 印发日期, 'YYYY-MM-DD'. */
  date: string;
  number: string;
  /** The one unit this document is addressed to (a 督查函 or 督办函 per unit). */
  unit?: string;
  /** The one 议定事项 a 督办函 covers (P6). */
  decision?: Record<string, unknown>;
  /** How many times the unit's step was urged (催办通知). */
  urges?: number;
}

/** A field of the catalogue: its description for the template editor. */
export type FieldCatalogue = Record<string, string>;

const COMMON: FieldCatalogue = {
  发文机关标志: '版头的发文机关标志（红色小标宋），如“清河县人民政府督查室”',
  发文机关: '发文机关署名，如“清河县人民政府办公室”',
  发文字号: '如“清政督函〔2026〕12号”；不编号的文种为空',
  标题: '公文标题',
  主送机关: '主送机关，多个以顿号分隔',
  成文日期: '如“2026年12月1日”',
  印发机关: '版记中的印发机关',
  印发日期: '版记中的印发日期，如“2026年12月1日”',
  抄送: '抄送机关或人员，多个以顿号分隔；无抄送为空',
  有抄送: '条件：有抄送时为真，用法 {#有抄送}…{/有抄送}',
  附件: '附件列表，用法 {#附件}{序号}. {名称}{/附件}',
  有附件: '条件：有附件时为真',
  联系人: '联系人',
  联系电话: '联系电话',
  附注: '附注（联系人及电话），无则为空',
  县名: '本县名称，如“清河县”',
  事项名称: '督办事项名称',
  登记编号: '事项登记编号',
};

/** Each template's own fields, beyond the common ones. */
const OWN: Record<string, FieldCatalogue> = {
  'inspection-notice': {
    通知正文: '督查通知正文',
    督查开始日期: '如“2026年12月1日”',
    督查结束日期: '如“2026年12月10日”',
    有督查时间: '条件：填写了督查起止日期',
    有关要求: '有关要求',
  },
  'inspection-letter': {
    承办单位: '本函的承办单位（每个承办单位一份督查函）',
    牵头单位: '牵头单位',
    协办单位: '协办单位，多个以顿号分隔',
    有牵头协办: '条件：多个单位办理、有牵头单位时为真',
    是牵头单位: '条件：本函承办单位是牵头单位',
    领导批示: '领导批示内容',
    有领导批示: '条件：有领导批示',
    督办内容: '督办内容及要求',
    交办日期: '如“2026年12月1日”',
    办结时限: '办结时限（D8），如“2026年12月15日”',
  },
  circular: {
    通报类型: '表扬、批评或情况通报',
    通报内容: '通报正文',
    表扬单位: '表扬单位，多个以顿号分隔',
    有表扬: '条件：有表扬单位',
    批评单位: '批评单位，多个以顿号分隔',
    有批评: '条件：有批评单位',
    整改要求: '整改要求',
    有整改: '条件：有整改要求',
    整改期限: '如“2026年12月31日”',
    追责建议: '追责建议',
    有追责: '条件：有追责建议',
  },
  proposal: {
    收件日期: '如“2026年12月1日”',
    来件摘要: '来件摘要',
    交办领导: '交办或批办领导',
    领导批示: '领导批示内容',
    拟办意见: '拟办意见',
    承办形式: '转办、协办或自办',
    拟承办单位: '拟承办单位，多个以顿号分隔',
    牵头单位: '牵头单位',
    拟办结时限: '如“2026年12月15日”',
    拟办人: '提出拟办意见的督查室承办人员',
  },
  'urge-notice': {
    承办单位: '被催办单位',
    办结时限: '原办结时限',
    催办次数: '第几次催办',
    催办情况: '催办说明',
  },
  'case-report': {
    基本情况: '基本情况',
    查办经过: '查办经过',
    查办结果: '查办结果',
    处理意见: '处理意见及建议',
    报告份数: '正式报告份数',
  },
  reply: {
    行文名义: '县政府或县政府办',
    签发人: '签发人',
    报送单位: '上级交办部门',
    上级交办日期: '如“2026年10月8日”',
    逐项答复: '答复列表，用法 {#逐项答复}{序号}. {问题}：{答复}{/逐项答复}',
    延期上报: '条件：延期上报时为真',
    延期原因: '延期原因及办理进展',
  },
  order: {
    目标任务: '目标任务',
    工作责任: '工作责任',
    办理要求: '办理要求',
    办结时限: '办结时限，如“2026年12月31日”',
    承办单位: '承办单位，多个以顿号分隔',
    牵头单位: '牵头单位',
    签发人: '签发的县长',
  },
  'evaluation-result': {
    年度: '评估年度，如“2026”',
    分类排名: '各分类的排名，用法 {#分类排名}{分类}：{#单位}第{名次}名 {单位名称} {得分}分；{/单位}{/分类排名}',
    表彰建议名单: '表彰建议名单，多个以顿号分隔；无则为“无”',
  },
  'supervision-letter': {
    会议届次: '政府常务会议届次，如“第12次”',
    会议日期: '如“2026年11月20日”',
    议定事项: '本函督办的议定事项',
    落实要求: '落实要求',
    责任单位: '本函的责任单位（每个事项每个责任单位一份督办函）',
    牵头单位: '牵头单位',
    协同单位: '同一事项除牵头单位和本单位外的其他责任单位，多个以顿号分隔',
    截止时间: '落实截止时间，如“2026年12月31日”',
    联系副主任: '联系本责任单位的县政府办副主任',
  },
};

/** The templates and their document types. */
export const TEMPLATES: Record<string, { docType: string; name: string }> = {
  'inspection-notice': { docType: '督查通知', name: '督查通知' },
  'inspection-letter': { docType: '督查函', name: '督查函' },
  circular: { docType: '督查通报', name: '督查通报' },
  proposal: { docType: '拟办单', name: '拟办单' },
  'urge-notice': { docType: '催办通知', name: '催办通知' },
  'case-report': { docType: '查办报告', name: '查办报告' },
  reply: { docType: '查办结果报告', name: '查办结果报告（正式反馈文件）' },
  order: { docType: '督办令', name: '县长督办令' },
  'supervision-letter': { docType: '督办函', name: '督办函' },
  'evaluation-result': { docType: '绩效评估结果', name: '年度综合绩效评估结果' },
};

/** The fields a template may use: the common ones and its own. */
export function fieldsOf(template: string): FieldCatalogue {
  return { ...COMMON, ...(OWN[template] ?? {}) };
}

/** The template of a document type (the first that produces it). */
export function templateOfDocType(docType: string): string | undefined {
  return Object.keys(TEMPLATES).find((k) => TEMPLATES[k].docType === docType || docType.startsWith(TEMPLATES[k].docType));
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const ids = (v: unknown): string[] =>
  Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : str((x as { id?: unknown })?.id))).filter(Boolean) : str(v) ? [str(v)] : [];

/** '2026-12-01' → '2026年12月1日' (GB/T 9704: Arabic numerals, no leading zeros); other text as is. */
export function chineseDate(d: unknown): string {
  const s = str(d);
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : s;
}

/** The issuing organs of the county. */
export function organs(county: { name: string }) {
  return {
    government: `${county.name}人民政府`,
    office: `${county.name}人民政府办公室`,
    inspection: `${county.name}人民政府督查室`,
  };
}

/** The values of every field of a template for one document. */
export function fieldValues(template: string, input: FieldInput): Record<string, unknown> {
  const { vars, dir } = input;
  const o = organs(input.county);
  const units = (v: unknown) => ids(v).map((id) => dir.unitName(id));
  const join = (xs: string[]) => xs.filter(Boolean).join('、');
  const contact = str(vars.contact);
  const phone = str(vars.contactPhone);
  const attachments = Array.isArray(vars.attachments)
    ? (vars.attachments as unknown[]).map((a, i) => ({ 序号: i + 1, 名称: str((a as { name?: unknown })?.name) || str(a) })).filter((a) => a.名称)
    : [];
  const base: Record<string, unknown> = {
    发文机关标志: o.inspection,
    发文机关: o.inspection,
    发文字号: input.number,
    标题: str(vars.title) || input.itemTitle,
    主送机关: join(units(vars.units)),
    成文日期: chineseDate(input.date),
    印发机关: o.inspection,
    印发日期: chineseDate(input.date),
    抄送: '',
    附件: attachments,
    有附件: attachments.length > 0,
    联系人: contact,
    联系电话: phone,
    附注: contact ? `（联系人：${contact}${phone ? `；联系电话：${phone}` : ''}）` : '',
    县名: input.county.name,
    事项名称: input.itemTitle,
    登记编号: str(vars.caseNo) || input.itemCode,
  };
  const own = ((): Record<string, unknown> => {
    switch (template) {
      case 'inspection-notice': {
        const recipients = units(vars.recipients);
        return {
          发文机关标志: `${o.office}文件`,
          发文机关: o.office,
          印发机关: o.office,
          主送机关: join(recipients.length ? recipients : units(vars.units)),
          通知正文: str(vars.content),
          督查开始日期: chineseDate(vars.startDate),
          督查结束日期: chineseDate(vars.endDate),
          有督查时间: !!(str(vars.startDate) && str(vars.endDate)),
          有关要求: str(vars.requirements),
        };
      }
      case 'inspection-letter': {
        const all = ids(vars.units);
        const unit = input.unit ?? all[0] ?? '';
        const lead = str(vars.leadUnit);
        const instruction = str(vars.leaderInstruction) || str(vars.instruction);
        return {
          主送机关: unit ? dir.unitName(unit) : join(units(all)),
          承办单位: unit ? dir.unitName(unit) : '',
          牵头单位: lead ? dir.unitName(lead) : '',
          协办单位: join(all.filter((u) => u !== lead).map((u) => dir.unitName(u))),
          有牵头协办: !!lead && all.length > 1,
          是牵头单位: !!lead && unit === lead,
          领导批示: instruction,
          有领导批示: !!instruction,
          督办内容: str(vars.content),
          交办日期: chineseDate(vars.assignedDate) || chineseDate(input.date),
          办结时限: chineseDate(vars.deadline),
        };
      }
      case 'circular': {
        const praised = units(vars.praisedUnits);
        const criticised = units(vars.criticisedUnits);
        return {
          发文机关标志: `${o.office}文件`,
          发文机关: o.office,
          印发机关: o.office,
          主送机关: '各乡镇人民政府，县直各部门',
          通报类型: Array.isArray(vars.kind) ? join(vars.kind.map(String)) : str(vars.kind),
          通报内容: str(vars.content),
          表扬单位: join(praised),
          有表扬: praised.length > 0,
          批评单位: join(criticised),
          有批评: criticised.length > 0,
          整改要求: str(vars.rectification),
          有整改: !!str(vars.rectification),
          整改期限: chineseDate(vars.rectificationDeadline),
          追责建议: str(vars.accountability),
          有追责: !!str(vars.accountability),
        };
      }
      case 'proposal': {
        const lead = str(vars.leadUnit);
        return {
          主送机关: '',
          收件日期: chineseDate(vars.receivedDate),
          来件摘要: str(vars.summary) || str(vars.content),
          交办领导: str(vars.instructingLeader),
          领导批示: str(vars.instruction),
          拟办意见: str(vars.proposedOpinion),
          承办形式: str(vars.mode),
          拟承办单位: join(units(vars.units)),
          牵头单位: lead ? dir.unitName(lead) : '',
          拟办结时限: chineseDate(vars.proposedDeadline) || chineseDate(vars.deadline),
          拟办人: str(vars.proposer),
        };
      }
      case 'urge-notice': {
        const unit = input.unit ?? (str(vars.unit) || str(vars.urgedUnit) || ids(vars.units)[0] || '');
        return {
          主送机关: unit ? dir.unitName(unit) : '',
          承办单位: unit ? dir.unitName(unit) : '',
          办结时限: chineseDate(vars.deadline),
          催办次数: String(input.urges ?? (Number(vars.urges) || 1)),
          催办情况: str(vars.note),
        };
      }
      case 'case-report':
        return {
          发文机关: o.inspection,
          主送机关: str(vars.instructingLeader),
          基本情况: str(vars.background),
          查办经过: str(vars.process),
          查办结果: str(vars.findings),
          处理意见: str(vars.suggestions),
          报告份数: str(vars.copies) || '2',
        };
      case 'reply': {
        const government = str(vars.issuer) === '县政府';
        const answers = Array.isArray(vars.answers)
          ? (vars.answers as Record<string, unknown>[]).map((a, i) => ({ 序号: i + 1, 问题: str(a?.question), 答复: str(a?.answer) }))
          : [];
        const organ = government ? o.government : o.office;
        return {
          发文机关标志: `${organ}文件`,
          发文机关: organ,
          印发机关: o.office,
          行文名义: str(vars.issuer),
          签发人: str(vars.signer),
          报送单位: str(vars.recipient),
          主送机关: str(vars.recipient),
          上级交办日期: chineseDate(vars.assignedDate),
          逐项答复: answers,
          延期上报: vars.delayed === true,
          延期原因: str(vars.delayReason),
        };
      }
      case 'order': {
        const lead = str(vars.leadUnit);
        return {
          发文机关标志: `${o.government}县长督办令`,
          发文机关: o.government,
          印发机关: o.office,
          目标任务: str(vars.targetTask),
          工作责任: str(vars.responsibility),
          办理要求: str(vars.requirements),
          办结时限: chineseDate(vars.deadline),
          承办单位: join(units(vars.units)),
          牵头单位: lead ? dir.unitName(lead) : '',
          签发人: str(vars.signer),
        };
      }
      case 'evaluation-result': {
        // The published year (P4): each category's ranking and the commendation list, as the score step left them.
        const r = (vars.evaluationResult ?? {}) as { categories?: { name: string; units: { rank: number; name: string; total: number }[] }[]; commended?: string[] };
        return {
          发文机关标志: `${o.government}文件`,
          发文机关: o.government,
          印发机关: o.office,
          主送机关: '各乡镇人民政府，县直各部门',
          标题: str(vars.title) || `关于${str(vars.year)}年度综合绩效评估结果的通报`,
          年度: str(vars.year),
          分类排名: (r.categories ?? []).map((c, i) => ({ 序号: '一二三四五六七八九十'[i] ?? String(i + 1), 分类: c.name, 单位: c.units.map((u) => ({ 名次: u.rank, 单位名称: u.name, 得分: u.total })) })),
          表彰建议名单: r.commended?.length ? join(r.commended) : '无',
        };
      }
      case 'supervision-letter': {
        const d = input.decision ?? vars;
        const all = ids(d.units);
        const unit = input.unit ?? all[0] ?? '';
        const lead = str(d.leadUnit);
        const liaisons = unit ? dir.liaisonsOf(unit) : [];
        return {
          发文机关标志: o.office,
          发文机关: o.office,
          印发机关: o.office,
          主送机关: unit ? dir.unitName(unit) : '',
          会议届次: str(vars.meetingNo),
          会议日期: chineseDate(vars.meetingDate),
          议定事项: str(d.title) || input.itemTitle,
          落实要求: str(d.requirement) || str(d.content),
          责任单位: unit ? dir.unitName(unit) : '',
          牵头单位: lead ? dir.unitName(lead) : '',
          协同单位: join(all.filter((u) => u !== unit && u !== lead).map((u) => dir.unitName(u))),
          截止时间: chineseDate(d.deadline),
          联系副主任: join(liaisons.map((p) => dir.personName(p))),
          抄送: join(liaisons.map((p) => `县政府办副主任${dir.personName(p)}`)),
        };
      }
      default:
        return {};
    }
  })();
  const values = { ...base, ...own };
  values.有抄送 = !!str(values.抄送);
  return values;
}
