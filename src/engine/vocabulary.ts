/**
 * The fixed words of the `duban:` extension that the engine, the server, the lint rules and
 * the web all use: service actions, urge methods, seals and official document types. Defined
 * here once; everything else imports them.
 */

/** The actions a service task may ask the server to perform, with their Chinese names. */
export const SERVICE_ACTIONS = {
  number: '公文编号',
  seal: '用印',
  notify: '发送通知',
  document: '生成公文',
  archive: '归档',
  score: '绩效评分',
  extend: '延期生效',
} as const;

/**
 * What a `score` step does (`duban:scoring`): confirm the events the item scored as it went
 * (the default, at an item's archive), record an order's result for its units (P5.R), gather
 * the year's daily assessment at year end (P4), or publish the approved year.
 */
export const SCORING_STAGES = {
  record: '确认本事项已计入的考核事件',
  order: '记录督办令各承办单位的落实情况',
  collect: '汇总年度日常考核数据',
  publish: '公布年度评估结果',
} as const;

/** A stage of the `score` action. */
export type ScoringStage = keyof typeof SCORING_STAGES;

/** A service action (`duban:action`). */
export type ServiceAction = keyof typeof SERVICE_ACTIONS;

/** The ways of urging (催办, X2), with their Chinese names, in the order they are offered. */
export const URGE_METHODS = {
  system: '系统提醒',
  phone: '电话催办',
  notice: '催办通知',
  visit: '派人催办',
} as const;

/** An urge method. */
export type UrgeMethod = keyof typeof URGE_METHODS;

/** The seals a `seal` action may apply (`duban:seal`), with their Chinese names. */
export const SEALS = {
  office: '县人民政府督查室公章',
  'county-head': '县长印章',
} as const;

/** A seal kind. */
export type SealKind = keyof typeof SEALS;

/**
 * Official document types (文种). Those with a `prefix` are numbered gap-free per year, the
 * prefix following the county's short name (清政督函〔2026〕12号).
 */
export const DOCUMENT_TYPES: Readonly<Record<string, { prefix?: string }>> = {
  督查通知: { prefix: '政督通' },
  督查函: { prefix: '政督函' },
  督查通报: { prefix: '政督报' },
  督办令: { prefix: '政督令' },
  督办函: { prefix: '政办督函' },
  催办通知: { prefix: '政督催' },
  // P2.6: the formal reply is issued in the name of 县政府 or of 县政府办, each with its own series.
  '查办结果报告（县政府）': { prefix: '政报' },
  '查办结果报告（县政府办）': { prefix: '政办报' },
  绩效评估结果: { prefix: '政绩评' },
  拟办单: {},
  查办报告: {},
};

/** A document type issued in several names (`duban:series`): the type of one name, e.g. 查办结果报告（县政府）. */
export const seriesDocType = (docType: string, name: string): string => `${docType}（${name}）`;

/** The numbered document types. */
export const NUMBERED_DOCUMENT_TYPES = Object.keys(DOCUMENT_TYPES).filter((t) => DOCUMENT_TYPES[t].prefix);

/** Whether a value is one of a vocabulary's keys. */
export const isKeyOf = <T extends object>(vocabulary: T, value: unknown): value is keyof T =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(vocabulary, value);

/**
 * The message a step's 申请延期 sends (X7). A user task offers 申请延期 when the diagram attaches a
 * message boundary event with this message name to it; the path that follows is the extension's.
 */
export const EXTENSION_MESSAGE = 'extension-request';
