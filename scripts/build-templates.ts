/**
 * Writes the bundled document templates, forms/templates/*.docx, laid out per GB/T 9704-2012
 * (党政机关公文格式). These files are what the office opens and edits in WPS or Word and
 * uploads again on 公文模板; this script only records how the bundled versions were first made.
 *
 *   npx tsx scripts/build-templates.ts
 *
 * Placeholders are docxtemplater tags in Chinese: {标题}, conditions {#有附件}…{/有附件}, lists
 * {#附件}{序号}. {名称}{/附件}. The fields each template may use are listed on 公文模板 and in
 * src/server/documents/fields.ts.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HorizontalPositionRelativeFrom,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  TextWrappingType,
  VerticalAlign,
  VerticalPositionRelativeFrom,
  WidthType,
} from 'docx';
import { SEAL_PLACEHOLDER_NAME, SEAL_SIZE_MM, transparentPng } from '../src/server/documents/seal-image';

const OUT = resolve(import.meta.dirname, '../forms/templates');

// GB/T 9704-2012: A4; 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; 22 lines of 28 characters.
const MM = 56.6929; // twips per mm
const PAGE = { width: Math.round(210 * MM), height: Math.round(297 * MM) };
const MARGIN = { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) };
const TEXT_WIDTH = Math.round(156 * MM);
const LINE = Math.round((225 * MM) / 22); // exact line pitch: 22 lines in the text block
const CHAR = Math.round(TEXT_WIDTH / 28); // one character: 28 a line

const RED = 'E60012';
const F = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
  kai: '楷体_GB2312',
  song: '宋体',
};
const PT = (n: number) => n * 2; // half-points
const SIZE = { 初号: PT(42), 一号: PT(26), 二号: PT(22), 三号: PT(16), 四号: PT(14) };

const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
const run = (text: string, o: { f?: string; size?: number; color?: string; bold?: boolean } = {}) =>
  new TextRun({ text, font: font(o.f ?? F.body), size: o.size ?? SIZE.三号, color: o.color, bold: o.bold });
const exact = { line: LINE, lineRule: LineRuleType.EXACT };

/** A body paragraph, indented two characters (3号仿宋). */
const p = (text: string, o: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; keepNext?: boolean } = {}) =>
  new Paragraph({ alignment: o.align ?? AlignmentType.JUSTIFIED, indent: o.indent === false ? undefined : { firstLine: 2 * CHAR }, spacing: exact, keepNext: o.keepNext, children: [run(text)] });
/** The body's last paragraph: kept on the page of the signature, so the sealed page always carries body text (no 此页无正文). */
const last = (text: string) => p(text, { keepNext: true });
/** A first-level heading 一、 (3号黑体). */
const h1 = (text: string) => new Paragraph({ indent: { firstLine: 2 * CHAR }, spacing: exact, keepNext: true, children: [run(text, { f: F.heading })] });
/** A control paragraph holding only a tag ({#条件} or {/条件}); docxtemplater removes it. */
const tag = (t: string) => new Paragraph({ spacing: exact, children: [run(t)] });
const blank = () => new Paragraph({ spacing: exact, children: [] });

type Layout = 'file' | 'letter' | 'order';

/** 版头: the red 发文机关标志, the 发文字号 and the red separator line(s). */
function header(layout: Layout): Paragraph[] {
  if (layout === 'letter') {
    // 信函格式: the full name without 文件, then a thick-thin red double line; the number at the top right.
    return [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 0, after: 120, line: Math.round(LINE * 1.6), lineRule: LineRuleType.EXACT },
        border: { bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 24, color: RED, space: 6 } },
        children: [run('{发文机关标志}', { f: F.title, size: PT(30), color: RED })],
      }),
      new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exact, children: [run('{发文字号}')] }),
      blank(),
    ];
  }
  return [
    blank(),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: Math.round(LINE * 2.2), lineRule: LineRuleType.EXACT },
      children: [run('{发文机关标志}', { f: F.title, size: layout === 'order' ? PT(34) : PT(36), color: RED })],
    }),
    blank(),
    // 发文字号, with the red separator line 4 mm below it, as wide as the text block.
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exact,
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 11 } },
      children: [run('{发文字号}')],
    }),
    blank(),
  ];
}

/** 标题 (2号小标宋, centred) and 主送机关 (flush left, full-width colon). */
function titleAndRecipient(title: string, recipient = '{主送机关}'): Paragraph[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: Math.round(LINE * 1.3), lineRule: LineRuleType.EXACT }, children: [run(title, { f: F.title, size: SIZE.二号 })] }),
    blank(),
    ...(recipient ? [new Paragraph({ spacing: exact, children: [run(`${recipient}：`)] })] : []),
  ];
}

/** 附注 and 附件说明. */
function notes(): Paragraph[] {
  return [
    tag('{#附注}'),
    last('{附注}'),
    tag('{/附注}'),
    tag('{#有附件}'),
    new Paragraph({ spacing: exact, keepNext: true, children: [] }),
    last('附件：{#附件}{序号}. {名称} {/附件}'),
    tag('{/有附件}'),
  ];
}

/** The seal placeholder: a transparent picture the seal replaces, centred over 署名 and 日期. */
function sealPicture(centre: number): ImageRun {
  const px = (SEAL_SIZE_MM / 25.4) * 96;
  const emuPerTwip = 635;
  return new ImageRun({
    type: 'png',
    data: transparentPng(),
    transformation: { width: px, height: px },
    altText: { name: SEAL_PLACEHOLDER_NAME, description: SEAL_PLACEHOLDER_NAME, title: SEAL_PLACEHOLDER_NAME },
    floating: {
      horizontalPosition: { relative: HorizontalPositionRelativeFrom.MARGIN, offset: Math.round(centre * emuPerTwip - (px * 9525) / 2) },
      // Pressing down on 署名 and 日期: the seal's centre a little above the date.
      verticalPosition: { relative: VerticalPositionRelativeFrom.PARAGRAPH, offset: 0 },
      wrap: { type: TextWrappingType.NONE },
      behindDocument: false,
      allowOverlap: true,
      lockAnchor: true,
    },
  });
}


/** 发文机关署名 and 成文日期: the date about four characters from the right, the name centred above it; the seal over both. */
function signature(signer = '{发文机关}'): Paragraph[] {
  // A date such as 2026年12月1日 is about 6.5 characters wide; its centre is the centre of the name.
  const centre = TEXT_WIDTH - 4 * CHAR - Math.round(3.25 * CHAR);
  const line = (children: (TextRun | ImageRun)[], keepNext = false) =>
    new Paragraph({ spacing: exact, keepNext, keepLines: true, tabStops: [{ type: TabStopType.CENTER, position: centre }], children });
  // The seal's top within one line of the body's last line (GB/T 9704 7.3.5.1): it is anchored on
  // the blank line after the body, and covers the name and the date below it.
  return [
    new Paragraph({ spacing: exact, keepNext: true, children: [sealPicture(centre)] }),
    line([new TextRun({ text: '\t' }), run(signer)], true),
    line([new TextRun({ text: '\t' }), run('{成文日期}')]),
  ];
}

/** 版记: 抄送 and 印发机关/印发日期 (4号仿宋) between separator lines (0.35 mm outer, 0.25 mm inner). */
function record(layout: Layout): Paragraph[] {
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 2 };
  const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 2 };
  const small = (text: string) => run(text, { size: SIZE.四号 });
  if (layout === 'letter') {
    return [blank(), tag('{#有抄送}'), new Paragraph({ indent: { left: CHAR, hanging: 0 }, spacing: exact, children: [small('抄送：{抄送}。')] }), tag('{/有抄送}')];
  }
  return [
    blank(),
    blank(),
    tag('{#有抄送}'),
    new Paragraph({ indent: { left: CHAR, right: CHAR }, spacing: exact, border: { top: thick }, children: [small('抄送：{抄送}。')] }),
    tag('{/有抄送}'),
    new Paragraph({
      indent: { left: CHAR, right: CHAR },
      spacing: exact,
      border: { top: thin, bottom: thick },
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - CHAR }],
      children: [small('{印发机关}'), new TextRun({ text: '\t', size: SIZE.四号 }), small('{印发日期}印发')],
    }),
  ];
}

/** 页码: 4号半角宋体 — 1 —, odd pages at the right, even pages at the left, one character in. */
function footers(layout: Layout) {
  const num = (align: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Footer({
      children: [
        new Paragraph({
          alignment: align,
          indent: align === AlignmentType.RIGHT ? { right: CHAR } : { left: CHAR },
          children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(F.song), size: SIZE.四号 })],
        }),
      ],
    });
  const first =
    layout === 'letter'
      ? // 信函格式: no page number on the first page; a second double line at the bottom.
        new Footer({ children: [new Paragraph({ border: { top: { style: BorderStyle.THIN_THICK_SMALL_GAP, size: 24, color: RED, space: 4 } }, children: [] })] })
      : undefined;
  return { default: num(AlignmentType.RIGHT), even: num(AlignmentType.LEFT), ...(first ? { first } : {}) };
}

function document(layout: Layout, children: (Paragraph | Table)[], meta: { title: string }): Document {
  return new Document({
    creator: '督办',
    title: meta.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: font(F.body), size: SIZE.三号 } } } },
    sections: [
      {
        properties: {
          page: { size: PAGE, margin: { ...MARGIN, header: Math.round(15 * MM), footer: Math.round(28 * MM) - LINE } },
          titlePage: layout === 'letter',
        },
        footers: footers(layout),
        children,
      },
    ],
  });
}

/** Each bundled template: its layout and its words. */
const TEMPLATES: Record<string, () => Document> = {
  'inspection-notice': () =>
    document(
      'file',
      [
        ...header('file'),
        ...titleAndRecipient('{标题}'),
        p('{通知正文}'),
        tag('{#有督查时间}'),
        h1('一、督查时间'),
        p('{督查开始日期}至{督查结束日期}。'),
        tag('{/有督查时间}'),
        tag('{#有关要求}'),
        h1('二、有关要求'),
        last('{有关要求}'),
        tag('{/有关要求}'),
        ...notes(),
        ...signature(),
        ...record('file'),
      ],
      { title: '督查通知' },
    ),
  'inspection-letter': () =>
    document(
      'letter',
      [
        ...header('letter'),
        ...titleAndRecipient('关于{标题}的督查函', '{承办单位}'),
        tag('{#有领导批示}'),
        p('县领导对此事项作出批示：“{领导批示}”为抓好落实，现将有关事项函告如下。'),
        tag('{/有领导批示}'),
        tag('{^有领导批示}'),
        p('为抓好“{标题}”的落实，现将有关事项函告如下。'),
        tag('{/有领导批示}'),
        h1('一、督办内容及要求'),
        p('{督办内容}'),
        tag('{#有牵头协办}'),
        p('{#是牵头单位}本事项由你单位牵头办理，{协办单位}协同办理。请你单位加强统筹，汇总各协办单位意见后统一报送。{/是牵头单位}{^是牵头单位}本事项由{牵头单位}牵头办理，你单位协同办理。请主动配合，及时向牵头单位提供办理情况。{/是牵头单位}'),
        tag('{/有牵头协办}'),
        h1('二、办结时限'),
        last('请于{办结时限}前将办理结果书面报送县政府督查室。确因客观原因不能按期办结的，须在期限届满前书面说明原因，申请延期。'),
        ...notes(),
        ...signature(),
        ...record('letter'),
      ],
      { title: '督查函' },
    ),
  circular: () =>
    document(
      'file',
      [
        ...header('file'),
        ...titleAndRecipient('{标题}'),
        p('{通报内容}'),
        tag('{#有表扬}'),
        h1('一、予以表扬的单位'),
        p('对{表扬单位}予以通报表扬，希望受到表扬的单位再接再厉。'),
        tag('{/有表扬}'),
        tag('{#有批评}'),
        h1('二、予以批评的单位'),
        p('对{批评单位}予以通报批评，被批评的单位要认真查找原因，切实整改。'),
        tag('{/有批评}'),
        tag('{#有整改}'),
        h1('三、整改要求'),
        p('{整改要求}'),
        p('请于{整改期限}前将整改情况书面报送县政府督查室。'),
        tag('{/有整改}'),
        tag('{#有追责}'),
        h1('四、追责建议'),
        last('{追责建议}'),
        tag('{/有追责}'),
        ...notes(),
        ...signature(),
        ...record('file'),
      ],
      { title: '督查通报' },
    ),
  proposal: () => proposalForm(),
  'urge-notice': () =>
    document(
      'letter',
      [
        ...header('letter'),
        ...titleAndRecipient('关于催办“{事项名称}”的通知', '{承办单位}'),
        p('你单位承办的“{事项名称}”（登记编号：{登记编号}），办结时限为{办结时限}，目前尚未报送办理结果。现进行第{催办次数}次催办，请抓紧办理，按时将办理结果书面报送县政府督查室。'),
        tag('{#催办情况}'),
        last('{催办情况}'),
        tag('{/催办情况}'),
        ...notes(),
        ...signature(),
        ...record('letter'),
      ],
      { title: '催办通知' },
    ),
  'case-report': () =>
    document(
      'file',
      [
        ...header('file'),
        ...titleAndRecipient('关于{标题}的查办报告'),
        h1('一、基本情况'),
        p('{基本情况}'),
        h1('二、查办经过'),
        p('{查办经过}'),
        h1('三、查办结果'),
        p('{查办结果}'),
        h1('四、处理意见及建议'),
        p('{处理意见}'),
        last('本报告一式{报告份数}份。'),
        ...notes(),
        ...signature(),
        ...record('file'),
      ],
      { title: '查办报告' },
    ),
  reply: () =>
    document(
      'file',
      [
        ...header('file'),
        ...titleAndRecipient('{标题}', '{报送单位}'),
        p('{上级交办日期}交办的“{事项名称}”收悉。我县高度重视，认真组织查办，现将查办结果逐项报告如下：'),
        tag('{#逐项答复}'),
        h1('{序号}. {问题}'),
        p('{答复}'),
        tag('{/逐项答复}'),
        tag('{#延期上报}'),
        h1('延期上报说明'),
        p('{延期原因}'),
        tag('{/延期上报}'),
        last('特此报告。'),
        ...notes(),
        ...signature(),
        ...record('file'),
      ],
      { title: '查办结果报告' },
    ),
  order: () =>
    document(
      'order',
      [
        ...header('order'),
        ...titleAndRecipient('{标题}', '{承办单位}'),
        h1('一、目标任务'),
        p('{目标任务}'),
        h1('二、工作责任'),
        p('{工作责任}'),
        tag('{#牵头单位}'),
        p('牵头单位：{牵头单位}。'),
        tag('{/牵头单位}'),
        h1('三、办理要求'),
        p('{办理要求}'),
        h1('四、办结时限'),
        last('请于{办结时限}前将办理情况书面报告县政府督查室和业务主管部门。对落实不力的，将按规定予以通报，并在年终绩效考核中扣分。'),
        ...notes(),
        ...signature('县长：{签发人}'),
        ...record('file'),
      ],
      { title: '县长督办令' },
    ),
  'evaluation-result': () =>
    document(
      'file',
      [
        ...header('file'),
        ...titleAndRecipient('{标题}'),
        p('根据{年度}年度综合绩效评估实施方案，经日常考核与年终复核、审定，现将评估结果公布如下：'),
        tag('{#分类排名}'),
        h1('{序号}、{分类}'),
        tag('{#单位}'),
        p('第{名次}名　{单位名称}　{得分}分'),
        tag('{/单位}'),
        tag('{/分类排名}'),
        h1('表彰建议名单'),
        last('{表彰建议名单}。'),
        ...notes(),
        ...signature(),
        ...record('file'),
      ],
      { title: '年度综合绩效评估结果' },
    ),
  'supervision-letter': () =>
    document(
      'letter',
      [
        ...header('letter'),
        ...titleAndRecipient('关于督办落实县政府常务会议议定事项的函', '{责任单位}'),
        p('根据县政府{会议届次}常务会议（{会议日期}）议定，现将你单位承担的事项督办如下：'),
        h1('一、议定事项'),
        p('{议定事项}'),
        h1('二、落实要求'),
        p('{落实要求}'),
        tag('{#牵头单位}'),
        p('本事项由{牵头单位}牵头{#协同单位}，{协同单位}共同落实{/协同单位}。'),
        tag('{/牵头单位}'),
        h1('三、截止时间'),
        last('请于{截止时间}前将落实情况以简明扼要的书面形式报送联系你单位的县政府办副主任{联系副主任}审定签字后，反馈县政府督查室。无法在规定时间内落实到位的，须书面说明原因，申请延期。'),
        ...notes(),
        ...signature(),
        ...record('letter'),
      ],
      { title: '督办函' },
    ),
};

/** 拟办单: a form of the office (not a 公文), one table. */
function proposalForm(): Document {
  const cell = (text: string, o: { label?: boolean; span?: number; height?: number } = {}) =>
    new TableCell({
      columnSpan: o.span,
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 100, right: 100 },
      children: [new Paragraph({ alignment: o.label ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(text, { f: o.label ? F.heading : F.body, size: SIZE.四号 })] })],
    });
  const row = (cells: TableCell[], height = 700) => new TableRow({ height: { value: height, rule: 'atLeast' as never }, children: cells });
  const w = TEXT_WIDTH;
  return document(
    'file',
    [
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [run('{县名}人民政府督查室拟办单', { f: F.title, size: SIZE.二号 })] }),
      new Paragraph({ spacing: { after: 120 }, tabStops: [{ type: TabStopType.RIGHT, position: w }], children: [run('登记编号：{登记编号}', { size: SIZE.四号 }), new TextRun('\t'), run('收件日期：{收件日期}', { size: SIZE.四号 })] }),
      new Table({
        width: { size: w, type: WidthType.DXA },
        columnWidths: [Math.round(w * 0.2), Math.round(w * 0.3), Math.round(w * 0.2), Math.round(w * 0.3)],
        rows: [
          row([cell('事项名称', { label: true }), cell('{事项名称}', { span: 3 })]),
          row([cell('交办领导', { label: true }), cell('{交办领导}', { span: 3 })]),
          row([cell('领导批示', { label: true }), cell('{领导批示}', { span: 3 })], 1400),
          row([cell('来件摘要', { label: true }), cell('{来件摘要}', { span: 3 })], 1400),
          row([cell('拟办意见', { label: true }), cell('{拟办意见}', { span: 3 })], 1400),
          row([cell('承办形式', { label: true }), cell('{承办形式}'), cell('拟办结时限', { label: true }), cell('{拟办结时限}')]),
          row([cell('拟承办单位', { label: true }), cell('{拟承办单位}'), cell('牵头单位', { label: true }), cell('{牵头单位}')]),
          row([cell('拟办人', { label: true }), cell('{拟办人}'), cell('拟办日期', { label: true }), cell('{成文日期}')]),
          row([cell('督查室主任审核意见', { label: true }), cell('', { span: 3 })], 1200),
          row([cell('领导审定意见', { label: true }), cell('', { span: 3 })], 1200),
        ],
      }),
    ],
    { title: '拟办单' },
  );
}

mkdirSync(OUT, { recursive: true });
for (const [key, make] of Object.entries(TEMPLATES)) {
  const bytes = await Packer.toBuffer(make());
  writeFileSync(resolve(OUT, `${key}.docx`), bytes);
  console.log(`forms/templates/${key}.docx ${bytes.length} bytes`);
}
