/**
 * A whole 专项查办 (P2) case acted out in the browser by the people of the county,
 * each signing in in turn: registration and 拟办 by the 督查室, approval by the
 * 督查室主任, the 分管督查工作副县长 and the 县政府办主任, 立项 and the 督查函,
 * handling by the 教育局, review, the 查办报告 and its sign-offs, the leader's
 * reading, the written report — until the item is archived.
 */
import { join } from 'node:path';
import dayjs from 'dayjs';
import { afterAll, expect, it } from 'vitest';
import { type BrowserSuite, describeBrowser, withServerAndBrowser } from './describe-browser';
import { screenshot, screenshotDir } from './harness';
import { decide, fillDate, fillText, openTodo, pickOption, pickRadio, registerCase, waitForStep } from './ui';

const TITLE = '关于城关镇中心小学校舍维修资金拨付滞后问题的查办';

describeBrowser('P2 专项查办 from registration to archive, through the UI', () => {
  const app = withServerAndBrowser({ prepare: seedBackground });
  const { dir: shots, cleanup: removeShots } = screenshotDir();
  const today = dayjs().format('YYYY-MM-DD');

  afterAll(removeShots);

  it('is carried from 审核登记 to 归档 by eight people', async () => {
    // 冯晓丽 (督查室, R8) registers the case: 发起事项 fills the first step's form.
    // The next step (拟办) is hers too: the app goes straight on to it.
    const page = await app.signIn('fengxl');
    await registerCase(page, 'P2.S1', {
      title: TITLE,
      fields: { 领导批示内容: '请县政府督查室牵头查办，限期答复。' },
      content: '群众反映城关镇中心小学校舍维修资金迟迟未拨付，雨季前存在安全隐患。',
      received: today,
    });
    await fillText(page, '拟办意见', '建议转县教育局查办，15个工作日内报送办理结果。');
    await pickRadio(page, '承办形式', '转办');
    await pickOption(page, '拟承办单位', '县教育局');
    await decide(page);
    await page.getByTestId('workbench').waitFor();

    // Three approvals in order: 督查室主任, 分管督查工作副县长, 县政府办主任.
    for (const [person, step] of [
      ['qianzy', '督查室主任审核拟办意见'],
      ['zhaozh', '分管督查工作副县长审定'],
      ['sunlx', '县政府办主任审定'],
    ] as const) {
      await app.signIn(person);
      await openTodo(page, TITLE);
      await waitForStep(page, step);
      await page.getByTestId('opinion').fill('同意。');
      await decide(page, '同意');
    }

    // 立项 and the 督查函 (numbered and sealed by the system).
    await app.signIn('fengxl');
    await page.getByTestId('todo-item').filter({ hasText: TITLE }).waitFor();
    await screenshot(page, join(shots, 'workbench.png'));
    await openTodo(page, TITLE);
    await waitForStep(page, '正式立项登记');
    await fillDate(page, '上级交办日期', today);
    await fillDate(page, '截止日期', dayjs().add(30, 'day').format('YYYY-MM-DD'));
    await decide(page);
    await waitForStep(page, '填写督查函');
    await fillText(page, '督办内容及要求', '请于15个工作日内查明资金拨付滞后原因，提出整改措施并书面报送办理结果。');
    await fillDate(page, '交办日期', today);
    await decide(page);

    // 用印: the 督查室主任 keeps the office seal and approves the request for the letter.
    await app.signIn('qianzy');
    await openTodo(page, TITLE);
    await waitForStep(page, '督查室公章用印审批');
    // The letter to be sealed is listed under 待用印公文, addressed to the unit.
    await page.getByTestId('seal-request-document').filter({ hasText: '县教育局' }).waitFor();
    await decide(page, '同意用印');
    await app.signIn('fengxl');

    // The item page shows where the case stands: with the units, past the 督查函.
    await page.getByRole('menuitem', { name: '督查台账' }).click();
    await page.getByTestId('ledger-row-link').first().waitFor();
    await screenshot(page, join(shots, 'ledger.png'));
    await page.getByTestId('ledger-row-link').filter({ hasText: TITLE }).click();
    await page.locator('.djs-element.duban-current').first().waitFor();
    await screenshot(page, join(shots, 'item.png'));

    // The 教育局's handler does the work in the unit's child item.
    await app.signIn('jyj01');
    await openTodo(page, TITLE);
    await waitForStep(page, '承办单位办理并反馈');
    await fillText(page, '办理结果', '经核查，维修资金因预算调整延误，已于本周拨付到位，维修工程已开工。');
    await fillDate(page, '办结日期', today);
    await page.getByTestId('opinion').fill('已按督查函要求办结，请审核。');
    await screenshot(page, join(shots, 'task.png'));
    await decide(page, '办结');

    // 冯晓丽 reviews the result and writes the 查办报告.
    await app.signIn('fengxl');
    await openTodo(page, TITLE);
    await waitForStep(page, '审核办理结果');
    await decide(page, '通过');
    await waitForStep(page, '形成查办报告');
    await fillText(page, '基本情况', '县领导批示交办，督查室于当日立项并发督查函。');
    await fillText(page, '查办结果', '资金已拨付到位，维修工程已开工，预计雨季前完工。');
    await decide(page);

    // The report is reviewed and signed, then read by the instructing leader.
    for (const [person, step] of [
      ['qianzy', '督查室主任审核查办报告'],
      ['zhaozh', '分管督查工作副县长审签'],
      ['sunlx', '县政府办主任审签'],
      ['wangjianguo', '呈交办领导审示'],
    ] as const) {
      await app.signIn(person);
      await openTodo(page, TITLE);
      await waitForStep(page, step);
      await decide(page, '同意');
    }

    // The written report to the leader closes the case; the system archives it.
    await app.signIn('fengxl');
    await openTodo(page, TITLE);
    await waitForStep(page, '向领导书面报告查办结果');
    await fillText(page, '报送单位', '县人民政府');
    await page.getByRole('button', { name: /添加条目|添加/ }).first().click();
    await page.locator('.ant-formily-array-table textarea').nth(0).fill('校舍维修资金为何拨付滞后？');
    await page.locator('.ant-formily-array-table textarea').nth(1).fill('因预算调整延误，现已拨付到位。');
    await decide(page);

    // The item is archived: the item page says so and records every hand.
    await page.getByRole('menuitem', { name: '督查台账' }).click();
    await page.getByTestId('ledger-q').fill('校舍维修');
    await page.getByTestId('ledger-search').click();
    await page.getByTestId('ledger-row-link').filter({ hasText: TITLE }).click();
    await page.getByTestId('item-page').waitFor();
    await expect.poll(() => page.locator('.duban-page-title .ant-tag').first().textContent()).toBe('已办结');
    const timeline = (await page.getByTestId('timeline-entry').allTextContents()).join('\n');
    for (const name of ['冯晓丽', '钱志远', '赵振华', '孙立新', '徐海燕', '王建国']) expect(timeline).toContain(name);
    expect(timeline).toContain('归档');
    expect(app.browser.errors).toEqual([]);
  }, 600_000);
});

/** A few other items so the person has to find the right one and the ledger is not empty. */
async function seedBackground({ api }: BrowserSuite): Promise<void> {
  const items = [
    { procedureKey: 'p1-decision', title: '全县防汛抗旱工作部署落实情况督查', source: 'P1.S3' },
    { procedureKey: 'p2-special-case', title: '关于河西镇农贸市场占道经营问题的查办', source: 'P2.S4' },
    { procedureKey: 'p5-order', title: '县长督办令：县城污水处理厂提标改造', source: 'P5.S1' },
  ];
  for (const body of items) {
    const res = await api('hejj', 'POST', '/api/items', body);
    if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}
