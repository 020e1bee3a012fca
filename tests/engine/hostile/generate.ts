/**
 * Generated diagrams for the hostile-input tests and the lint benchmark: long chains
 * of user tasks with branches, gateway chains and loops, deep nesting and deep FEEL.
 */

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:duban="http://duban.gov.cn/schema/bpmn" id="generated" targetNamespace="http://duban.gov.cn/test">`;

/** A process of `tasks` user tasks in a row, an exclusive branch every ten tasks, with diagram layout when `layout` is set. */
export function taskChain(tasks: number, opts: { layout?: boolean } = {}): string {
  const nodes: string[] = [];
  const flows: string[] = [];
  const shapes: string[] = [];
  let flowNo = 0;
  const flow = (from: string, to: string, condition?: string) => {
    const id = `f${++flowNo}`;
    flows.push(
      condition
        ? `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`
        : `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`,
    );
    if (opts.layout) shapes.push(`<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}"><di:waypoint x="0" y="0" /><di:waypoint x="10" y="0" /></bpmndi:BPMNEdge>`);
    return id;
  };
  const shape = (id: string, x: number) => {
    if (opts.layout) shapes.push(`<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="100" width="100" height="80" /></bpmndi:BPMNShape>`);
  };
  nodes.push('<bpmn:startEvent id="start" name="开始" />');
  shape('start', 0);
  let previous = 'start';
  for (let i = 1; i <= tasks; i++) {
    const id = `t${i}`;
    nodes.push(`<bpmn:userTask id="${id}" name="办理${i}" duban:role="R8" duban:formKey="approval" duban:due="2WD" duban:outcomes="通过,退回" />`);
    shape(id, i * 150);
    flow(previous, id);
    previous = id;
    if (i % 10 === 0 && i < tasks) {
      const gw = `g${i}`;
      const side = `s${i}`;
      const merge = `m${i}`;
      nodes.push(`<bpmn:exclusiveGateway id="${gw}" name="是否通过${i}" default="f${flowNo + 3}" />`);
      nodes.push(`<bpmn:userTask id="${side}" name="补充${i}" duban:role="R7" duban:formKey="approval" />`);
      nodes.push(`<bpmn:exclusiveGateway id="${merge}" name="汇合${i}" />`);
      shape(gw, i * 150 + 50);
      shape(side, i * 150 + 60);
      shape(merge, i * 150 + 70);
      flow(previous, gw);
      flow(gw, side, '= outcome = "退回"');
      flow(gw, merge);
      flow(side, merge);
      previous = merge;
    }
  }
  nodes.push('<bpmn:endEvent id="end" name="办结" />');
  shape('end', (tasks + 1) * 150);
  flow(previous, 'end');
  const di = opts.layout ? `<bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="chain">${shapes.join('')}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>` : '';
  return `${HEAD}<bpmn:process id="chain" name="长流程" isExecutable="true">${nodes.join('\n')}\n${flows.join('\n')}</bpmn:process>${di}</bpmn:definitions>`;
}

/** A process whose start leads through `gateways` exclusive gateways in a row to one user task. */
export function gatewayChain(gateways: number): string {
  const parts: string[] = ['<bpmn:startEvent id="start" />'];
  let previous = 'start';
  for (let i = 1; i <= gateways; i++) {
    parts.push(`<bpmn:exclusiveGateway id="g${i}" />`, `<bpmn:sequenceFlow id="f${i}" sourceRef="${previous}" targetRef="g${i}" />`);
    previous = `g${i}`;
  }
  parts.push(
    '<bpmn:userTask id="task" name="办理" duban:role="R8" duban:formKey="approval" />',
    `<bpmn:sequenceFlow id="f_task" sourceRef="${previous}" targetRef="task" />`,
    '<bpmn:endEvent id="end" />',
    '<bpmn:sequenceFlow id="f_end" sourceRef="task" targetRef="end" />',
  );
  return `${HEAD}<bpmn:process id="gateways" name="网关链" isExecutable="true">${parts.join('\n')}</bpmn:process></bpmn:definitions>`;
}

/** A process that loops between two exclusive gateways with no wait state: 开始 → 判断 A ⇄ 判断 B. */
export function gatewayLoop(): string {
  return `${HEAD}<bpmn:process id="loop" name="网关死循环" isExecutable="true">
  <bpmn:startEvent id="start" name="开始" />
  <bpmn:exclusiveGateway id="a" name="判断 A" />
  <bpmn:exclusiveGateway id="b" name="判断 B" default="back" />
  <bpmn:userTask id="task" name="办理" duban:role="R8" duban:formKey="approval" />
  <bpmn:endEvent id="end" name="结束" />
  <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="a" />
  <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="b" />
  <bpmn:sequenceFlow id="back" sourceRef="b" targetRef="a" />
  <bpmn:sequenceFlow id="out" sourceRef="b" targetRef="task"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">= false</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="f4" sourceRef="task" targetRef="end" />
</bpmn:process></bpmn:definitions>`;
}

/** `depth` sub-processes nested one in another, a user task in the innermost. */
export function nestedSubProcesses(depth: number): string {
  let inner = '<bpmn:startEvent id="s0" /><bpmn:userTask id="task" name="办理" duban:role="R8" duban:formKey="approval" /><bpmn:endEvent id="e0" /><bpmn:sequenceFlow id="a0" sourceRef="s0" targetRef="task" /><bpmn:sequenceFlow id="b0" sourceRef="task" targetRef="e0" />';
  for (let i = 1; i <= depth; i++) {
    inner = `<bpmn:startEvent id="s${i}" /><bpmn:subProcess id="sub${i}" name="子流程${i}">${inner}</bpmn:subProcess><bpmn:endEvent id="e${i}" /><bpmn:sequenceFlow id="a${i}" sourceRef="s${i}" targetRef="sub${i}" /><bpmn:sequenceFlow id="b${i}" sourceRef="sub${i}" targetRef="e${i}" />`;
  }
  return `${HEAD}<bpmn:process id="nested" name="嵌套子流程" isExecutable="true">${inner}</bpmn:process></bpmn:definitions>`;
}

/** A condition nested `depth` parentheses deep. */
export function deepFeel(depth: number): string {
  return `= ${'('.repeat(depth)}outcome = "通过"${')'.repeat(depth)}`;
}

/** A diagram whose only gateway condition is `condition`. */
export function withCondition(condition: string): string {
  return `${HEAD}<bpmn:process id="feel" name="条件" isExecutable="true">
  <bpmn:startEvent id="start" />
  <bpmn:userTask id="task" name="办理" duban:role="R8" duban:formKey="approval" duban:outcomes="通过,退回" />
  <bpmn:exclusiveGateway id="gw" name="是否通过" default="no" />
  <bpmn:endEvent id="yes_end" name="通过" />
  <bpmn:endEvent id="no_end" name="退回" />
  <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
  <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="gw" />
  <bpmn:sequenceFlow id="yes" sourceRef="gw" targetRef="yes_end"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><![CDATA[${condition}]]></bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="no" sourceRef="gw" targetRef="no_end" />
</bpmn:process></bpmn:definitions>`;
}
