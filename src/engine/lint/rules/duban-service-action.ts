import { SCORING_STAGES, SEALS as SEAL_NAMES, SERVICE_ACTIONS } from '../../vocabulary';
import { attr, is, label, type ModdleNode, type Reporter, type RuleDefinition } from '../helpers';

/** The actions the server performs for a service task. */
const ACTIONS = Object.keys(SERVICE_ACTIONS);

/** The seals an action 'seal' may apply. */
const SEALS = Object.keys(SEAL_NAMES);
const SEAL_LIST = Object.entries(SEAL_NAMES).map(([k, v]) => `${k}（${v}）`).join('或');

/** Rule: a service task names a known duban:action with the parameters that action needs. */
export default function dubanServiceAction(): RuleDefinition {
  return {
    check(node: ModdleNode, reporter: Reporter) {
      if (!is(node, 'bpmn:ServiceTask')) return;
      const action = attr(node, 'action');
      if (action === undefined) {
        reporter.report(node.id!, `服务任务${label(node)}未指定动作（duban:action），应为 ${ACTIONS.join('、')} 之一`);
        return;
      }
      if (!ACTIONS.includes(action)) {
        reporter.report(node.id!, `服务任务${label(node)}的动作“${action}”不存在，应为 ${ACTIONS.join('、')} 之一`);
        return;
      }
      if ((action === 'number' || action === 'document') && attr(node, 'docType') === undefined) {
        reporter.report(node.id!, `服务任务${label(node)}的动作“${action}”需要指定公文类型（duban:docType）`);
      }
      const scoring = attr(node, 'scoring');
      if (scoring !== undefined && (action !== 'score' || !Object.prototype.hasOwnProperty.call(SCORING_STAGES, scoring))) {
        reporter.report(
          node.id!,
          action !== 'score'
            ? `服务任务${label(node)}的计分阶段（duban:scoring）只用于动作“score”`
            : `服务任务${label(node)}的计分阶段“${scoring}”不存在，应为 ${Object.entries(SCORING_STAGES).map(([k, v]) => `${k}（${v}）`).join('、')} 之一`,
        );
      }
      if (action === 'seal') {
        const seal = attr(node, 'seal');
        if (seal === undefined) {
          reporter.report(node.id!, `服务任务${label(node)}需要指定印章（duban:seal），应为 ${SEAL_LIST}`);
        } else if (!SEALS.includes(seal)) {
          reporter.report(node.id!, `服务任务${label(node)}的印章“${seal}”不存在，应为 ${SEAL_LIST}`);
        }
      }
    },
  };
}
