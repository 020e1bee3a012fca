import { AlignmentType, BorderStyle, Document, Packer, Paragraph, TextRun } from 'docx';

/** What goes into one official document. */
export interface DocxInput {
  docType: string;
  number: string;
  /** Issuing organ, e.g. 清河县人民政府办公室. */
  issuer: string;
  countyName: string;
  title: string;
  /** 主送: recipient unit names. */
  recipients: string[];
  /** Body sections: an optional heading and its paragraphs. */
  sections: { heading?: string; paragraphs: string[] }[];
  /** Date of issue 'YYYY-MM-DD'. */
  date: string;
  /** 抄送. */
  copyTo?: string[];
}

const FONT_TITLE = '方正小标宋简体';
const FONT_BODY = '仿宋_GB2312';
const FONT_HEADING = '黑体';
const RED = 'C00000';

const chineseDate = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
};

const body = (text: string, opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({
    alignment: opts.align,
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560 },
    children: [new TextRun({ text, font: FONT_BODY, size: 32 })],
  });

/** Render an official document (红头文件) as .docx bytes. */
export async function renderDocx(input: DocxInput): Promise<Buffer> {
  const headerTitle = input.docType === '督办令' ? `${input.countyName}人民政府县长督办令` : `${input.issuer}${input.docType}`;
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 600, after: 400 },
      children: [new TextRun({ text: headerTitle, font: FONT_TITLE, size: 60, color: RED, bold: true })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 6 } },
      spacing: { after: 400 },
      children: [new TextRun({ text: input.number, font: FONT_BODY, size: 32 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 200, after: 400 },
      children: [new TextRun({ text: input.title, font: FONT_TITLE, size: 44 })],
    }),
  ];
  if (input.recipients.length) children.push(body(`${input.recipients.join('、')}：`, { indent: false }));
  for (const s of input.sections) {
    if (s.heading) {
      children.push(new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [new TextRun({ text: s.heading, font: FONT_HEADING, size: 32 })] }));
    }
    for (const p of s.paragraphs) for (const line of p.split(/\r?\n/).filter((l) => l.trim())) children.push(body(line.trim()));
  }
  children.push(new Paragraph({ spacing: { before: 600 }, children: [] }));
  children.push(body(input.issuer, { indent: false, align: AlignmentType.RIGHT }));
  children.push(body(chineseDate(input.date), { indent: false, align: AlignmentType.RIGHT }));
  if (input.copyTo?.length) {
    children.push(
      new Paragraph({
        spacing: { before: 400 },
        border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 4 } },
        children: [new TextRun({ text: `抄送：${input.copyTo.join('、')}。`, font: FONT_BODY, size: 28 })],
      }),
    );
  }
  const doc = new Document({
    creator: input.issuer,
    title: `${input.docType} ${input.number}`,
    description: input.title,
    sections: [{ properties: { page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
