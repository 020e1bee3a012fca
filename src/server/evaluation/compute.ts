import type { EventKind, Indicator, IndicatorScore, QualitativeScore, Scheme, ScoreEvent, Standings, UnitStanding } from '../../shared/evaluation';

// The year's computation, written like the engine: a pure function of the scheme, the events
// and the qualitative scores. No I/O, no clock; the same input always gives the same standings.

const KINDS_ON_TIME: EventKind[] = ['task.onTime'];
const KINDS_LATE: EventKind[] = ['task.overdue'];

/** Two decimals, as a score is read on paper (and free of binary fractions like 0.1 + 0.2). */
export const round2 = (n: number) => Math.round(n * 100 + Number.EPSILON * Math.sign(n)) / 100;

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/** Counts of one unit's valid events per kind: the year's total, and per month (index 1–12). */
interface UnitCounts {
  total: Map<EventKind, number>;
  byMonth: Map<EventKind, number[]>;
}

function countEvents(events: readonly ScoreEvent[], units: ReadonlySet<string>): Map<string, UnitCounts> {
  const out = new Map<string, UnitCounts>();
  for (const e of events) {
    if (e.voided || !units.has(e.unitId)) continue;
    let c = out.get(e.unitId);
    if (!c) out.set(e.unitId, (c = { total: new Map(), byMonth: new Map() }));
    const n = e.count ?? 1;
    c.total.set(e.kind, (c.total.get(e.kind) ?? 0) + n);
    let months = c.byMonth.get(e.kind);
    if (!months) c.byMonth.set(e.kind, (months = new Array(13).fill(0)));
    months[e.month >= 1 && e.month <= 12 ? e.month : 12] += n;
  }
  return out;
}

const sumKinds = (counts: (k: EventKind) => number, kinds: readonly EventKind[]) => kinds.reduce((n, k) => n + counts(k), 0);

/** A quantitative indicator's score from the counts of the events it reads. */
export function quantitativeScore(ind: Extract<Indicator, { type: 'quantitative' }>, count: (k: EventKind) => number): { score: number; events: number } {
  const rule = ind.rule;
  if (rule.kind === 'perEvent') {
    const n = sumKinds(count, rule.events);
    const hi = Math.min(rule.cap ?? ind.weight, ind.weight);
    return { score: round2(clamp(rule.base + n * rule.points, rule.floor ?? 0, hi)), events: n };
  }
  const onTime = sumKinds(count, KINDS_ON_TIME);
  const late = sumKinds(count, KINDS_LATE);
  const n = onTime + late;
  if (n === 0) return { score: round2(Math.min(rule.noTasks ?? ind.weight, ind.weight)), events: 0 };
  const rate = onTime / n;
  const band = [...rule.bands].sort((a, b) => b.minRate - a.minRate).find((b) => rate >= b.minRate - 1e-9);
  return { score: round2(clamp(band?.points ?? 0, 0, ind.weight)), events: n };
}

/** A qualitative indicator's score of a unit: the mean of its evaluators' scores (0 until one is entered). */
export function qualitativeScore(scores: readonly number[]): number {
  return scores.length ? round2(scores.reduce((a, b) => a + b, 0) / scores.length) : 0;
}

/**
 * The year's standings: every unit of the scheme's categories scored per indicator, totalled,
 * ranked within its category (equal totals share a rank), the commendation list proposed by
 * the scheme's rule, and each unit's quantitative total at the end of every month so far.
 */
export function computeStandings(input: { scheme: Scheme; schemeVersion: number; events: readonly ScoreEvent[]; qualitative: readonly QualitativeScore[] }): Standings {
  const { scheme } = input;
  const units = new Set(scheme.categories.flatMap((c) => c.units));
  const counts = countEvents(input.events, units);
  const qual = new Map<string, number[]>();
  for (const q of input.qualitative) {
    const key = `${q.indicatorId}\u0000${q.unitId}`;
    const list = qual.get(key);
    if (list) list.push(q.score);
    else qual.set(key, [q.score]);
  }
  const excluded = new Set(scheme.commendation.excludeKinds ?? []);
  const lines: (UnitStanding & { name: string; blocked: boolean })[] = [];
  const seen = new Set<string>();
  for (const cat of scheme.categories) {
    for (const unitId of cat.units) {
      // A unit listed in two categories is ranked in the first only.
      if (seen.has(unitId)) continue;
      seen.add(unitId);
      const c = counts.get(unitId);
      const count = (k: EventKind) => c?.total.get(k) ?? 0;
      const indicators: IndicatorScore[] = scheme.indicators.map((ind) => {
        if (ind.type === 'quantitative') {
          const r = quantitativeScore(ind, count);
          return { indicatorId: ind.id, score: r.score, lost: round2(ind.weight - r.score), events: r.events };
        }
        const score = qualitativeScore(qual.get(`${ind.id}\u0000${unitId}`) ?? []);
        return { indicatorId: ind.id, score, lost: round2(ind.weight - score), events: 0 };
      });
      const monthly: number[] = [];
      for (let m = 1; m <= 12; m++) {
        const upTo = (k: EventKind) => {
          const months = c?.byMonth.get(k);
          if (!months) return 0;
          let n = 0;
          for (let i = 1; i <= m; i++) n += months[i];
          return n;
        };
        let t = 0;
        for (const ind of scheme.indicators) if (ind.type === 'quantitative') t += quantitativeScore(ind, upTo).score;
        monthly.push(round2(t));
      }
      const blocked = [...excluded].some((k) => count(k) > 0);
      lines.push({ unitId, categoryId: cat.id, name: unitId, total: round2(indicators.reduce((a, i) => a + i.score, 0)), rank: 0, commended: false, indicators, monthly, blocked });
    }
  }
  const commended: string[] = [];
  for (const cat of scheme.categories) {
    const group = lines.filter((l) => l.categoryId === cat.id).sort((a, b) => b.total - a.total || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
    group.forEach((l, i) => (l.rank = i > 0 && group[i - 1].total === l.total ? group[i - 1].rank : i + 1));
    const rule = scheme.commendation;
    for (const l of group) {
      const byRank = rule.topN === undefined || l.rank <= rule.topN;
      const byScore = rule.minScore === undefined || l.total >= rule.minScore;
      // A rule with neither bound proposes nobody.
      l.commended = (rule.topN !== undefined || rule.minScore !== undefined) && byRank && byScore && !l.blocked;
      if (l.commended) commended.push(l.unitId);
    }
  }
  return {
    year: scheme.year,
    schemeVersion: input.schemeVersion,
    units: lines.map(({ name: _n, blocked: _b, ...l }) => l),
    commended,
  };
}
