import { foreignAssignee, vendorName } from '../../definition/foreign';
import { SEALS, isKeyOf } from '../../vocabulary';
import { attr, is, label, type ModdleNode, type Reporter, type RuleDefinition } from '../helpers';

/** The assignment attributes of a user task; exactly one must be set. */
const ASSIGNMENTS = ['role', 'unit', 'liaison', 'assignee', 'sealKeeper'] as const;

/** Literal roles known to the engine: R1–R15. */
const ROLE = /^R([1-9]|1[0-5])$/;

/** Rule: a user task names exactly one kind of assignee; a literal role is one of R1–R15. */
export default function dubanTaskAssignee(): RuleDefinition {
  return {
    check(node: ModdleNode, reporter: Reporter) {
      if (!is(node, 'bpmn:UserTask')) return;
      const set = ASSIGNMENTS.filter((name) => attr(node, name) !== undefined);
      if (set.length === 0) {
        const foreign = foreignAssignee(node);
        reporter.report(
          node.id!,
          foreign
            ? `用户任务${label(node)}未指定办理人：文件中有 ${vendorName(foreign.vendor)} 的设置 ${foreign.text}，本系统不读取；请在属性面板中设置办理人（角色、单位、联络员或人员），或用“导入”把它对应到角色、单位或人员`
            : `用户任务${label(node)}未指定办理人`,
        );
        return;
      }
      if (set.length > 1) {
        const names = set.map((name) => `duban:${name}`).join('、');
        reporter.report(node.id!, `用户任务${label(node)}同时指定了 ${names}，办理人只能指定一种`);
      }
      const role = attr(node, 'role');
      if (role !== undefined && !role.startsWith('=') && !ROLE.test(role)) {
        reporter.report(node.id!, `用户任务${label(node)}的角色“${role}”不存在，应为 R1–R15 之一`);
      }
      const seal = attr(node, 'sealKeeper');
      if (seal !== undefined && !isKeyOf(SEALS, seal)) {
        reporter.report(node.id!, `用户任务${label(node)}的印章“${seal}”不存在，应为 ${Object.keys(SEALS).join('、')} 之一`);
      }
      if (attr(node, 'roleScope') !== undefined && role === undefined) {
        reporter.report(node.id!, `用户任务${label(node)}设置了 duban:roleScope，但没有 duban:role 可供限定`);
      }
    },
  };
}
