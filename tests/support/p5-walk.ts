/**
 * A 县长督办令 (P5) registered and approved through the API up to the units' handling
 * (`UH_Handle` of 县住建局 and 县交通局), for suites that start there. The server suites call
 * it through `app.inject`, the browser suites over HTTP: both give a `call` of this shape.
 */

/** Calls the API as a person of the mock county. */
export type Call = (userId: string, method: string, url: string, body?: unknown) => Promise<{ status: number; body: any }>;

/** The order the walk registers. */
export const P5_ORDER = {
  title: '城区停车难专项治理',
  domain: '城乡建设与交通',
  targetTask: '三个月内新增公共停车位 2000 个',
  responsibility: '住建局牵头，交通局配合',
  requirements: '每半月报送一次进展',
  deadline: '2026-06-30',
  units: ['zjj', 'jtj'],
  leadUnit: 'zjj',
  handover: '通知领受',
};

/** Register a P5 item and take it to the units; returns its id. */
export async function walkP5ToUnits(call: Call, order: typeof P5_ORDER = P5_ORDER): Promise<string> {
  const start = await call('fengxl', 'POST', '/api/items', { procedureKey: 'p5-order', title: order.title, source: 'P5.S3', units: order.units, leadUnit: order.leadUnit });
  if (start.status !== 201) throw new Error(`registration refused: ${JSON.stringify(start.body)}`);
  const itemId: string = start.body.itemId;
  const complete = async (user: string, elementId: string, body: Record<string, unknown> = {}) => {
    const todo = await call(user, 'GET', '/api/tasks/todo?pageSize=200');
    const t = todo.body.rows.find((r: any) => r.elementId === elementId && r.itemId === itemId);
    if (!t) throw new Error(`${user} has no ${elementId}`);
    const r = await call(user, 'POST', `/api/tasks/${encodeURIComponent(t.id)}/complete`, body);
    if (r.status !== 200) throw new Error(`${user} ${elementId}: ${JSON.stringify(r.body)}`);
  };
  const agree = { outcome: '同意', data: { outcome: '同意', signDate: '2026-03-02' } };
  await complete('fengxl', 'P5_1_Request', { data: { title: order.title, source: 'P5.S3', draftedBy: 'zjj', domain: order.domain, background: '城区停车位缺口大', reason: '推进效果不理想' } });
  await complete('limh', 'P5_1_RequestR2', agree);
  await complete('wangjianguo', 'P5_1_AgreeR1', agree);
  await complete('fengxl', 'P5_1_Register', { data: { title: order.title, source: 'P5.S3', content: order.targetTask, units: order.units, leadUnit: order.leadUnit, deadline: order.deadline, domain: order.domain } });
  await complete('fengxl', 'P5_2_Draft', { data: order });
  await complete('qianzy', 'P5_2_ReviewR7', agree);
  await complete('sunlx', 'P5_2_ReviewR5', agree);
  await complete('chengd', 'P5_2_CountersignR3', agree);
  await complete('limh', 'P5_2_CountersignR2', agree);
  await complete('wangjianguo', 'P5_2_SignR1', agree);
  await complete('hejj', 'P5_3_Proofread', { data: { title: order.title, targetTask: order.targetTask, responsibility: order.responsibility, requirements: order.requirements } });
  await complete('mads', 'P5_3_SealRequest', { outcome: '同意用印', data: { checked: true } });
  return itemId;
}
