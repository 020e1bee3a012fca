import { localYear } from '../../../engine';
import { scoreUnits } from '../../evaluation/scoring';
import { result, str, type ServiceActionHandler } from './action';

/** `score`: the year's supervision record scored per unit (P4); `duban:docType` names the document of an order whose missed deadlines count (P5.R). */
export const scoreAction: ServiceActionHandler = async (call) => {
  const { s, live, params, vars } = call;
  const year = Number(vars.year) || localYear(s.now);
  const scores = await scoreUnits(s.trx, s.ctx.dir, { year, now: s.now, orderDocType: str(params.docType) || null });
  s.audit.add(live.item.id, 'evaluation.scored', { actor: s.actor, data: { year, units: scores.length } });
  return result(call, scores, 'scores');
};
