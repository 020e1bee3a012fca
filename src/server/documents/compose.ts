import type { DirectoryService } from '../directory/directory.service';
import type { DocxInput } from './docx';

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : str((x as { id?: unknown })?.id))).filter(Boolean) : []);

const chineseDate = (d: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : d;
};

/** Build the content of an official document from the item's variables, per document type. */
export function composeDocument(opts: {
  docType: string;
  number: string;
  vars: Record<string, unknown>;
  itemTitle: string;
  county: { name: string };
  dir: DirectoryService;
  date: string;
}): DocxInput {
  const { docType, vars, dir } = opts;
  const unitNames = (ids: string[]) => ids.map((id) => dir.unitName(id));
  const units = unitNames(list(vars.units).length ? list(vars.units) : str(vars.unit) ? [str(vars.unit)] : []);
  const lead = str(vars.leadUnit) ? dir.unitName(str(vars.leadUnit)) : '';
  const title = str(vars.title) || opts.itemTitle;
  const office = `${opts.county.name}人民政府办公室`;
  const sections: DocxInput['sections'] = [];
  const para = (heading: string | undefined, ...texts: string[]) => {
    const paragraphs = texts.filter(Boolean);
    if (paragraphs.length) sections.push({ heading, paragraphs });
  };
  const deadlineLine = (d: unknown, what = '办理结果') =>
    str(d) ? `请于${chineseDate(str(d))}前将${what}书面报送县政府督查室。` : '';
  const contactLine = str(vars.contact) ? `联系人：${str(vars.contact)}${str(vars.contactPhone) ? `，联系电话：${str(vars.contactPhone)}` : ''}。` : '';
  let recipients = units;
  let issuer = office;
  let copyTo: string[] | undefined;

  switch (docType) {
    case '督查通知':
      recipients = unitNames(list(vars.recipients)).length ? unitNames(list(vars.recipients)) : units;
      para(undefined, str(vars.content));
      if (str(vars.startDate) || str(vars.endDate)) {
        para('一、督查时间', `${chineseDate(str(vars.startDate))}至${chineseDate(str(vars.endDate))}。`);
      }
      para('二、有关要求', str(vars.requirements));
      para(undefined, contactLine);
      break;
    case '督查函':
      para('领导批示', str(vars.leaderInstruction) || str(vars.instruction));
      para('督办内容及要求', str(vars.content));
      if (lead && units.length > 1) para(undefined, `本事项由${lead}牵头，其他单位协同办理。`);
      para('办结时限', deadlineLine(vars.deadline));
      para(undefined, contactLine);
      break;
    case '督查通报': {
      recipients = ['各乡镇人民政府', '县直各部门'];
      para(undefined, str(vars.content));
      const praised = unitNames(list(vars.praisedUnits));
      const criticised = unitNames(list(vars.criticisedUnits));
      if (praised.length) para('一、予以表扬的单位', `${praised.join('、')}。`);
      if (criticised.length) para('二、予以批评的单位', `${criticised.join('、')}。`);
      para('三、整改要求', str(vars.rectification), str(vars.rectificationDeadline) ? `整改期限：${chineseDate(str(vars.rectificationDeadline))}前。` : '');
      para('四、追责建议', str(vars.accountability));
      break;
    }
    case '督办令':
      issuer = `${opts.county.name}人民政府`;
      para('一、目标任务', str(vars.targetTask));
      para('二、工作责任', str(vars.responsibility), lead ? `牵头单位：${lead}。` : '');
      para('三、办理要求', str(vars.requirements));
      para('四、办结时限', deadlineLine(vars.deadline, '办理情况'));
      break;
    case '督办函':
      para(undefined, str(vars.meetingNo) ? `根据县政府常务会议（${str(vars.meetingNo)}）议定，现将有关事项督办如下：` : '');
      para('落实要求', str(vars.content));
      para('截止时间', deadlineLine(vars.deadline, '落实情况'));
      copyTo = list(vars.liaisons).map((id) => dir.personName(id));
      break;
    case '绩效评估结果': {
      // The published year (P4): each category's ranking and the commendation list, as the score step left them.
      const r = (vars.evaluationResult ?? {}) as { categories?: { name: string; units: { rank: number; name: string; total: number }[] }[]; commended?: string[] };
      issuer = `${opts.county.name}人民政府`;
      recipients = ['各乡镇人民政府', '县直各部门'];
      para(undefined, `根据${str(vars.year)}年度综合绩效评估实施方案，经日常考核与年终复核、审定，现将评估结果公布如下：`);
      (r.categories ?? []).forEach((c, i) => para(`${'一二三四五六七八九十'[i] ?? i + 1}、${c.name}`, ...c.units.map((u) => `第${u.rank}名　${u.name}　${u.total}分`)));
      para('表彰建议名单', r.commended?.length ? `${r.commended.join('、')}。` : '无。');
      break;
    }
    default:
      para(undefined, str(vars.content));
  }
  return { docType, number: opts.number, issuer, countyName: opts.county.name, title, recipients, sections, date: opts.date, copyTo };
}
