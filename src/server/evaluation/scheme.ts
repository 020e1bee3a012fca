import { EVENT_KINDS, type EventKind, type Indicator, type IndicatorRule, type Scheme } from '../../shared/evaluation';
import type { DirectoryService } from '../directory/directory.service';
import { invalid, type FieldError } from '../errors';

// A year's scheme as data: checked field by field with Chinese messages before a version is saved,
// and a starting point built from the directory for a year that has none yet.

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const text = (v: unknown, max = 200): string => (typeof v === 'string' ? v.trim().slice(0, max) : '');
const MAX_UNITS = 5000;
const MAX_INDICATORS = 100;

/** Check a scheme submitted for a year; the clean scheme, or a 422 listing every problem by field. */
export function validateScheme(raw: unknown, year: number, dir: DirectoryService): Scheme {
  const fields: FieldError[] = [];
  const bad = (field: string, message: string) => fields.push({ field, message });
  if (!isObj(raw)) throw invalid('评估方案应为一个对象', [{ field: 'scheme', message: '评估方案应为一个对象' }], 'SCHEME_INVALID');
  const title = text(raw.title);
  if (!title) bad('title', '请填写方案名称');
  const seenUnits = new Set<string>();
  const categories: Scheme['categories'] = [];
  const rawCats = Array.isArray(raw.categories) ? raw.categories : [];
  if (!rawCats.length) bad('categories', '至少设置一个参评类别');
  rawCats.slice(0, 50).forEach((c, i) => {
    const f = `categories[${i}]`;
    if (!isObj(c)) return bad(f, `第${i + 1}个类别格式不正确`);
    const name = text(c.name, 50);
    if (!name) bad(`${f}.name`, `第${i + 1}个类别未填写名称`);
    const units = (Array.isArray(c.units) ? c.units : []).slice(0, MAX_UNITS).filter((u): u is string => typeof u === 'string');
    if (!units.length) bad(`${f}.units`, `类别“${name || i + 1}”没有参评单位`);
    for (const u of units) {
      if (!dir.unit(u)) bad(`${f}.units`, `类别“${name}”中的单位“${u}”不在通讯录中`);
      else if (seenUnits.has(u)) bad(`${f}.units`, `单位“${dir.unitName(u)}”被列入了多个类别`);
      seenUnits.add(u);
    }
    categories.push({ id: text(c.id, 40) || `c${i + 1}`, name, units: [...new Set(units)] });
  });
  const indicators: Indicator[] = [];
  const rawInds = Array.isArray(raw.indicators) ? raw.indicators : [];
  if (!rawInds.length) bad('indicators', '至少设置一项评估指标');
  if (rawInds.length > MAX_INDICATORS) bad('indicators', `评估指标不能超过${MAX_INDICATORS}项`);
  const ids = new Set<string>();
  rawInds.slice(0, MAX_INDICATORS).forEach((x, i) => {
    const f = `indicators[${i}]`;
    if (!isObj(x)) return bad(f, `第${i + 1}项指标格式不正确`);
    const name = text(x.name, 100);
    const label = name || `第${i + 1}项指标`;
    if (!name) bad(`${f}.name`, `第${i + 1}项指标未填写名称`);
    let id = text(x.id, 40) || `i${i + 1}`;
    if (ids.has(id)) id = `${id}_${i + 1}`;
    ids.add(id);
    const weight = num(x.weight);
    if (weight === undefined || weight <= 0 || weight > 100) bad(`${f}.weight`, `“${label}”的权重（分值）应在 0 到 100 之间`);
    const w = weight ?? 0;
    if (x.type === 'qualitative') {
      const evaluators = (Array.isArray(x.evaluators) ? x.evaluators : []).filter((p): p is string => typeof p === 'string').slice(0, 100);
      if (!evaluators.length) bad(`${f}.evaluators`, `定性指标“${label}”需指定评价人`);
      for (const p of evaluators) if (!dir.person(p)) bad(`${f}.evaluators`, `“${label}”的评价人“${p}”不在通讯录中`);
      const min = num(x.min) ?? 0;
      const max = num(x.max) ?? w;
      if (min < 0 || max > w || min > max) bad(`${f}.max`, `“${label}”的评分范围应在 0 到权重 ${w} 之间，且下限不大于上限`);
      indicators.push({ id, name, type: 'qualitative', weight: w, evaluators: [...new Set(evaluators)], min, max });
      return;
    }
    if (x.type !== 'quantitative') return bad(`${f}.type`, `“${label}”的指标类型应为定量或定性`);
    const rule = validateRule(x.rule, `${f}.rule`, label, w, bad);
    if (rule) indicators.push({ id, name, type: 'quantitative', weight: w, rule });
  });
  const total = indicators.reduce((a, i) => a + i.weight, 0);
  if (indicators.length && Math.abs(total - 100) > 1e-9) bad('indicators', `各项指标权重合计须为100分（现为${Math.round(total * 100) / 100}分）`);
  const c = isObj(raw.commendation) ? raw.commendation : {};
  const topN = c.topN === undefined || c.topN === null ? undefined : num(c.topN);
  const minScore = c.minScore === undefined || c.minScore === null ? undefined : num(c.minScore);
  if (topN !== undefined && (!Number.isInteger(topN) || topN < 1)) bad('commendation.topN', '表彰名额应为正整数');
  if (minScore !== undefined && (minScore < 0 || minScore > 100)) bad('commendation.minScore', '表彰分数线应在 0 到 100 之间');
  if (topN === undefined && minScore === undefined) bad('commendation', '请设置表彰规则：每类前几名，或分数线');
  const excludeKinds = (Array.isArray(c.excludeKinds) ? c.excludeKinds : []).filter((k): k is EventKind => typeof k === 'string' && k in EVENT_KINDS);
  const appealDays = num(raw.appealDays) ?? 10;
  if (!Number.isInteger(appealDays) || appealDays < 1 || appealDays > 365) bad('appealDays', '申诉期限应为 1 到 365 天');
  if (fields.length) throw invalid(fields[0].message, fields, 'SCHEME_INVALID');
  return { year, title, categories, indicators, commendation: { ...(topN !== undefined ? { topN } : {}), ...(minScore !== undefined ? { minScore } : {}), excludeKinds }, appealDays };
}

function validateRule(raw: unknown, f: string, label: string, weight: number, bad: (field: string, message: string) => void): IndicatorRule | undefined {
  if (!isObj(raw)) return void bad(f, `定量指标“${label}”需选择计分规则`);
  if (raw.kind === 'perEvent') {
    const events = (Array.isArray(raw.events) ? raw.events : []).filter((k): k is EventKind => typeof k === 'string' && k in EVENT_KINDS);
    if (!events.length) bad(`${f}.events`, `“${label}”需选择计分的事件`);
    const points = num(raw.points);
    if (points === undefined || points === 0 || Math.abs(points) > 100) bad(`${f}.points`, `“${label}”的每次分值应为非零的数（扣分为负数）`);
    const base = num(raw.base) ?? (points !== undefined && points < 0 ? weight : 0);
    if (base < 0 || base > weight) bad(`${f}.base`, `“${label}”的基础分应在 0 到权重 ${weight} 之间`);
    const cap = raw.cap === undefined || raw.cap === null ? undefined : num(raw.cap);
    const floor = raw.floor === undefined || raw.floor === null ? undefined : num(raw.floor);
    if (cap !== undefined && (cap < 0 || cap > weight)) bad(`${f}.cap`, `“${label}”的封顶分应在 0 到权重 ${weight} 之间`);
    if (floor !== undefined && (floor < 0 || floor > (cap ?? weight))) bad(`${f}.floor`, `“${label}”的保底分应在 0 到封顶分之间`);
    return { kind: 'perEvent', events: [...new Set(events)], points: points ?? 0, base, ...(cap !== undefined ? { cap } : {}), ...(floor !== undefined ? { floor } : {}) };
  }
  if (raw.kind === 'onTimeRate') {
    const bands = (Array.isArray(raw.bands) ? raw.bands : [])
      .filter(isObj)
      .map((b) => ({ minRate: num(b.minRate) ?? -1, points: num(b.points) ?? -1 }))
      .slice(0, 20);
    if (!bands.length) bad(`${f}.bands`, `“${label}”需设置按期办结率分档`);
    for (const b of bands) {
      if (b.minRate < 0 || b.minRate > 1) bad(`${f}.bands`, `“${label}”的分档办结率应在 0% 到 100% 之间`);
      if (b.points < 0 || b.points > weight) bad(`${f}.bands`, `“${label}”的分档得分应在 0 到权重 ${weight} 之间`);
    }
    const noTasks = raw.noTasks === undefined || raw.noTasks === null ? undefined : num(raw.noTasks);
    if (noTasks !== undefined && (noTasks < 0 || noTasks > weight)) bad(`${f}.noTasks`, `“${label}”无办理任务时的得分应在 0 到权重 ${weight} 之间`);
    return { kind: 'onTimeRate', bands: bands.sort((a, b) => b.minRate - a.minRate), ...(noTasks !== undefined ? { noTasks } : {}) };
  }
  return void bad(`${f}.kind`, `“${label}”的计分规则应从列表中选择`);
}

/** A starting scheme for a year: 县直部门 and 乡镇 from the directory, the indicators of the regulation. */
export function defaultScheme(year: number, dir: DirectoryService, evaluators: string[]): Scheme {
  const of = (kind: string) => dir.snapshot.units.filter((u) => u.kind === kind).map((u) => u.id);
  return {
    year,
    title: `${year}年度综合绩效评估实施方案（督查工作）`,
    categories: [
      { id: 'department', name: '县直部门', units: of('department') },
      { id: 'township', name: '乡镇', units: of('township') },
    ].filter((c) => c.units.length),
    indicators: [
      { id: 'onTime', name: '督查事项按期办结', type: 'quantitative', weight: 30, rule: { kind: 'onTimeRate', bands: [{ minRate: 1, points: 30 }, { minRate: 0.9, points: 27 }, { minRate: 0.8, points: 24 }, { minRate: 0.6, points: 18 }, { minRate: 0, points: 10 }] } },
      { id: 'urge', name: '被催办', type: 'quantitative', weight: 10, rule: { kind: 'perEvent', events: ['urge'], points: -0.5, base: 10 } },
      { id: 'circular', name: '通报表扬与批评', type: 'quantitative', weight: 10, rule: { kind: 'perEvent', events: ['circular.praise'], points: 2, base: 5 } },
      { id: 'criticism', name: '通报批评', type: 'quantitative', weight: 10, rule: { kind: 'perEvent', events: ['circular.criticism', 'rectification.failed'], points: -2, base: 10 } },
      { id: 'order', name: '县长督办令落实', type: 'quantitative', weight: 20, rule: { kind: 'perEvent', events: ['order.missed', 'interview', 'accountability'], points: -5, base: 20 } },
      ...(evaluators.length
        ? [{ id: 'quality', name: '工作实效（定性评价）', type: 'qualitative' as const, weight: 20, evaluators, min: 0, max: 20 }]
        : [{ id: 'extension', name: '延期', type: 'quantitative' as const, weight: 20, rule: { kind: 'perEvent' as const, events: ['extension' as const], points: -1, base: 20 } }]),
    ],
    commendation: { topN: 3, excludeKinds: ['accountability'] },
    appealDays: 10,
  };
}
