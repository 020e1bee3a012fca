/**
 * The annual evaluation (P4, 绩效评估): the kinds of scoring events, the shape of a year's
 * scheme and of the computed standings. Plain data and types, read by the server (which
 * computes) and the web (which edits schemes and shows standings).
 */

/** Every fact that scores, with its Chinese name and the regulation clause it rests on. */
export const EVENT_KINDS = {
  'task.onTime': { name: '按期办结', clause: '一、决策督查 7. 材料归档；二、专项查办 4. 催办' },
  'task.overdue': { name: '逾期办结或逾期未办结', clause: '二、专项查办 4. 催办（15个工作日内办结）' },
  urge: { name: '被催办', clause: '二、专项查办 4. 催办' },
  extension: { name: '延期获批', clause: '二、专项查办 6. 反馈（确需延期的说明原因）' },
  'circular.praise': { name: '通报表扬', clause: '一、决策督查 5. 情况通报（点名表扬）' },
  'circular.criticism': { name: '通报批评', clause: '一、决策督查 5. 情况通报（点名批评）' },
  'rectification.done': { name: '整改到位', clause: '一、决策督查 6. 回访复核' },
  'rectification.failed': { name: '整改不到位', clause: '一、决策督查 6. 回访复核' },
  'order.done': { name: '督办令按期落实', clause: '附件2 县长督办令 5. 反馈' },
  'order.missed': { name: '督办令落实不力', clause: '附件2 县长督办令 3. 结果应用（年终绩效考核扣分）' },
  interview: { name: '县长约谈', clause: '附件2 县长督办令 3. 结果应用（县长约谈单位责任人）' },
  accountability: { name: '追责', clause: '附件2 县长督办令 3. 结果应用；一、决策督查 5. 情况通报（追究责任）' },
} as const;

/** A kind of scoring event. */
export type EventKind = keyof typeof EVENT_KINDS;

/** The follow-ups of an order's result (the 结果运用 choices of its summary form) that are events of their own. */
export const FOLLOW_UP_EVENTS: Readonly<Record<string, EventKind>> = { 县长约谈: 'interview', 追责: 'accountability' };

/** The rules a quantitative (定量) indicator may use, with their Chinese names. */
export const RULE_KINDS = {
  perEvent: '按事件计分（每次加减分，设封顶与保底）',
  onTimeRate: '按期办结率分档',
} as const;

/** A rule of a quantitative indicator. */
export type IndicatorRule =
  | {
      kind: 'perEvent';
      /** The event kinds counted. */
      events: EventKind[];
      /** Points per event: negative deducts. */
      points: number;
      /** Where the count starts (e.g. the full weight for a deduction indicator, 0 for a bonus). */
      base: number;
      /** Highest score (default: the weight). */
      cap?: number;
      /** Lowest score (default: 0). */
      floor?: number;
    }
  | {
      kind: 'onTimeRate';
      /** Bands by on-time rate (按期办结数 ÷ 已计办结数), highest first: the first band whose `minRate` the rate reaches scores its points. */
      bands: { minRate: number; points: number }[];
      /** Points of a unit with no counted task in the year (default: the weight). */
      noTasks?: number;
    };

/** One indicator of a scheme. */
export type Indicator =
  | { id: string; name: string; type: 'quantitative'; weight: number; rule: IndicatorRule }
  | {
      id: string;
      name: string;
      type: 'qualitative';
      weight: number;
      /** The people who score it (person ids). */
      evaluators: string[];
      /** The range each evaluator's score must lie in. */
      min: number;
      max: number;
    };

/** A category of units ranked together (分类排位). */
export interface Category {
  id: string;
  name: string;
  units: string[];
}

/** Who the system proposes for commendation (表彰建议名单). */
export interface CommendationRule {
  /** The top N of each category (by rank). */
  topN?: number;
  /** A total of at least this. */
  minScore?: number;
  /** Units with any valid event of these kinds are left out (e.g. 追责). */
  excludeKinds?: EventKind[];
}

/** A year's scheme (年度综合绩效评估实施方案) as data. */
export interface Scheme {
  year: number;
  title: string;
  categories: Category[];
  indicators: Indicator[];
  commendation: CommendationRule;
  /** Days a unit has to appeal an event: from the event, and again from the publication of the year. */
  appealDays: number;
}

/** A scoring event as the computation reads it. */
export interface ScoreEvent {
  id: string;
  unitId: string;
  kind: EventKind;
  /** The month of the year it happened in (1–12, China time). */
  month: number;
  /** A voided event (after an appeal) counts for nothing. */
  voided: boolean;
  /** How many such events this row stands for (a count read in one go); 1 when absent. */
  count?: number;
}

/** One evaluator's qualitative score of a unit. */
export interface QualitativeScore {
  indicatorId: string;
  unitId: string;
  evaluatorId: string;
  score: number;
}

/** One indicator's result for a unit. */
export interface IndicatorScore {
  indicatorId: string;
  score: number;
  /** Points lost against the weight (what cost points). */
  lost: number;
  /** How many valid events the indicator counted. */
  events: number;
}

/** One unit's line of a year's standings. */
export interface UnitStanding {
  unitId: string;
  categoryId: string;
  total: number;
  /** Rank within the category; equal totals share a rank (1, 1, 3). */
  rank: number;
  commended: boolean;
  indicators: IndicatorScore[];
  /** Totals by month (1–12) of the quantitative indicators' events so far: the trend. */
  monthly: number[];
}

/** A year's computed standings. */
export interface Standings {
  year: number;
  schemeVersion: number;
  units: UnitStanding[];
  /** Unit ids proposed for commendation, by category then rank. */
  commended: string[];
}

/** The states of a year. */
export const YEAR_STATUS = {
  open: '日常考核中',
  review: '年终复核中',
  published: '已公布',
} as const;

/** A year's state. */
export type YearStatus = keyof typeof YEAR_STATUS;

/** The states of an appeal. */
export const APPEAL_STATUS = {
  pending: '待裁定',
  kept: '维持',
  voided: '撤销该事件',
} as const;

/** An appeal's state. */
export type AppealStatus = keyof typeof APPEAL_STATUS;
