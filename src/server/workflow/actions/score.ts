import { localYear, SCORING_STAGES, type ScoringStage } from '../../../engine';
import { orderOutcomeEvents } from '../../evaluation/evaluation.events';
import { collectYear, publishYear, resultRows, schemeOf } from '../../evaluation/evaluation.service';
import { countItemEvents, findYear } from '../../evaluation/evaluation.repository';
import { result, str, type ServiceActionHandler } from './action';

/**
 * `score` (绩效评分), by its `duban:scoring` stage: `record` (the default) confirms in the
 * item's record the events it scored as it went; `order` writes an order's result for each of
 * its units — carried out or not, and the follow-up chosen (P5.R);
 * `collect` closes the year's daily assessment at year end and computes the standings for the
 * review (P4); `publish` publishes the approved year, whose result the next step prints.
 */
export const scoreAction: ServiceActionHandler = async (call) => {
  const { s, live, params, vars } = call;
  const stage = (str(params.scoring) || 'record') as ScoringStage;
  if (!Object.prototype.hasOwnProperty.call(SCORING_STAGES, stage)) throw new Error(`unknown scoring stage <${stage}> at <${call.elementId}>`);
  if (stage === 'record') {
    const events = await countItemEvents(s.trx, live.item.id);
    s.audit.add(live.item.id, 'evaluation.recorded', { actor: s.actor, data: { events } });
    return result(call, events, 'scoredEvents');
  }
  if (stage === 'order') {
    const outcome = await orderOutcomeEvents(s, live, call.elementId, vars);
    s.audit.add(live.item.id, 'evaluation.recorded', { actor: s.actor, data: outcome });
    return result(call, outcome, 'orderOutcome');
  }
  const year = Number(vars.year) || localYear(s.now);
  if (stage === 'collect') {
    const { standings, defaulted } = await collectYear(s.trx, s.ctx.dir, year, live.item.id, s.now);
    s.audit.add(live.item.id, 'evaluation.collected', { actor: s.actor, data: { year, schemeVersion: standings.schemeVersion, units: standings.units.length, ...(defaulted ? { note: '县绩效办未保存本年度方案，按初始方案计算（第1版）' } : {}) } });
    return result(call, { year, schemeVersion: standings.schemeVersion, units: standings.units.length, commended: standings.commended.length }, 'dailyScores');
  }
  const standings = await publishYear(s.trx, year, live.item.id, s.now);
  const scheme = (await schemeOf(s.trx, year, await findYear(s.trx, year)))!.scheme;
  s.audit.add(live.item.id, 'evaluation.published', { actor: s.actor, data: { year, schemeVersion: standings.schemeVersion, commended: standings.commended } });
  return result(call, resultRows(standings, scheme, (id) => s.ctx.dir.unitName(id)), 'evaluationResult', { title: `${year}年度综合绩效评估结果` });
};
