/**
 * 绩效评估 (P4) through the UI: 县绩效办 reads the year's ranking on the 绩效评估 page and
 * proposes the commendation list from its to-do, the 常务副县长 approves and the year is
 * published; a unit opens its own breakdown, sees its rank and an event's item, and appeals
 * the event with a reason; 县绩效办 voids it from the 申诉 tab and the unit's score goes up.
 *
 * The year is the previous one, whose year-end (12-01) has passed whenever the suite runs;
 * its daily-assessment events are written into the server's database file as the actions
 * of that year would have written them, on a real order item.
 */
import { join } from 'node:path';
import dayjs from 'dayjs';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { createDb } from '../../src/server/db/database';
import { eventRows } from '../../src/server/evaluation/evaluation.events';
import { insertEvents } from '../../src/server/evaluation/evaluation.repository';
import { walkP5ToUnits } from '../support/p5-walk';
import { describeBrowser, withServerAndBrowser } from './describe-browser';
import { screenshot, screenshotDir } from './harness';
import { decide, openTodo, waitForStep } from './ui';

const YEAR = dayjs().year() - 1;
const TITLE = `${YEAR}年度综合绩效评估实施方案`;

const SCHEME = {
  title: TITLE,
  categories: [
    { id: 'dept', name: '县直部门', units: ['zjj', 'jtj', 'fgj'] },
    { id: 'town', name: '乡镇', units: ['cgz', 'hxz'] },
  ],
  indicators: [
    { id: 'onTime', name: '按期办结', type: 'quantitative', weight: 40, rule: { kind: 'onTimeRate', bands: [{ minRate: 1, points: 40 }, { minRate: 0.5, points: 30 }, { minRate: 0, points: 20 }] } },
    { id: 'urge', name: '被催办', type: 'quantitative', weight: 20, rule: { kind: 'perEvent', events: ['urge'], points: -2, base: 20 } },
    { id: 'order', name: '督办令落实', type: 'quantitative', weight: 40, rule: { kind: 'perEvent', events: ['order.missed', 'interview', 'accountability'], points: -5, base: 40 } },
  ],
  commendation: { topN: 1 },
  appealDays: 10,
};

/** Picks the year in the page's year selector. */
async function chooseYear(page: Page): Promise<void> {
  await page.locator('.ant-select[aria-label="年度"]').click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: `${YEAR}年度` }).first().click();
}

describeBrowser('绩效评估: a year published along the diagram, a unit\'s breakdown and an appeal', () => {
  const { dir: shots, cleanup: removeShots } = screenshotDir();
  afterAll(removeShots);
  let orderItem = '';
  const app = withServerAndBrowser({
    prepare: async ({ api, server }) => {
      const saved = await api('linsf', 'PUT', `/api/evaluation/years/${YEAR}/scheme`, SCHEME);
      if (saved.status !== 200) throw new Error(JSON.stringify(saved.body));
      orderItem = await walkP5ToUnits(api);
      // The year's events: 住建局 3 on time and 2 urges; 交通局 1 late and the order missed; 发改局 1 on time and 3 urges (94).
      const db = await createDb({ url: join(server.dataDir, 'duban.sqlite') });
      const at = (m: number) => Date.parse(`${YEAR}-${String(m).padStart(2, '0')}-10T10:00:00+08:00`);
      let n = 0;
      const seed = async (unitId: string, kind: Parameters<typeof eventRows>[0][number]['kind'], month: number, times = 1) => {
        for (let i = 0; i < times; i++) await insertEvents(db, eventRows([{ kind, unitId, itemId: orderItem, key: `seed:${n++}`, note: '年内办理记录' }], at(month)));
      };
      await seed('zjj', 'task.onTime', 3, 3);
      await seed('zjj', 'urge', 5, 2);
      await seed('jtj', 'task.overdue', 6);
      await seed('jtj', 'order.missed', 7);
      await seed('fgj', 'task.onTime', 4);
      await seed('fgj', 'urge', 4, 3);
      await db.destroy();

      const start = await api('linsf', 'POST', '/api/items', { procedureKey: 'p4-evaluation', title: TITLE });
      const itemId = start.body.itemId;
      const complete = async (user: string, elementId: string, body: Record<string, unknown> = {}) => {
        const rows = (await api(user, 'GET', '/api/tasks/todo?pageSize=200')).body.rows;
        const t = rows.find((r: any) => r.elementId === elementId && r.itemId === itemId);
        if (!t) throw new Error(`${user} has no ${elementId}`);
        const r = await api(user, 'POST', `/api/tasks/${encodeURIComponent(t.id)}/complete`, body);
        if (r.status !== 200) throw new Error(`${user} ${elementId}: ${JSON.stringify(r.body)}`);
      };
      const indicators = [{ name: '督查事项按期办结率', type: '定量', weight: 60 }, { name: '督办令落实', type: '定量', weight: 40 }];
      await complete('fengxl', 'P4_1_Participate', { data: { indicators } });
      await complete('linsf', 'P4_1_Plan', { data: { year: YEAR, title: TITLE, indicators } });
      // The year-end timer has passed: the server's scheduler collects the year.
      for (let i = 0; ; i++) {
        if ((await api('linsf', 'GET', `/api/evaluation/years/${YEAR}`)).body.status === 'review') break;
        if (i > 120) throw new Error('the year-end collection did not run');
        await new Promise((r) => setTimeout(r, 500));
      }
      await complete('fengxl', 'P4_2_Quantitative', { data: { note: '定量数据已核对' } });
      await complete('linsf', 'P4_2_Qualitative');
      await complete('linsf', 'P4_3_Review', { data: { note: '复核无误' } });
      await complete('linsf', 'P4_4_Rank');
    },
  });

  it('publishes the year; the unit reads its breakdown and appeals an event; the decision changes its score', async () => {
    // 县绩效办 reads the ranking: 住建局 first of 县直部门 (40 + 16 + 40 = 96), proposed for commendation.
    let page = await app.signIn('linsf');
    await page.getByRole('menuitem', { name: '绩效评估' }).click();
    await chooseYear(page);
    await expect.poll(() => page.locator('.ant-card', { hasText: '县直部门分类排位' }).textContent()).toContain('县住房和城乡建设局');
    const ranking = page.locator('.ant-card', { hasText: '县直部门分类排位' });
    await expect.poll(() => ranking.locator('tbody tr.ant-table-row').first().textContent()).toContain('96');
    expect(await page.locator('.ant-card', { hasText: '表彰建议名单' }).textContent()).toContain('县住房和城乡建设局');
    await page.locator('canvas').first().waitFor();
    await screenshot(page, join(shots, 'evaluation.png'));

    // 提出表彰建议名单 from the to-do, then the 常务副县长 approves: the year is published.
    await page.getByRole('menuitem', { name: '工作台' }).click();
    await openTodo(page, TITLE);
    await waitForStep(page, '提出表彰建议名单');
    await decide(page);
    page = await app.signIn('limh');
    await openTodo(page, TITLE);
    await waitForStep(page, '县政府审定评估结果');
    await decide(page, '同意');
    await expect.poll(async () => (await app.api('linsf', 'GET', `/api/evaluation/years/${YEAR}`)).body.status).toBe('published');

    // The unit: its own breakdown with its rank; each event opens its item.
    page = await app.signIn('zjj01');
    await page.getByRole('menuitem', { name: '绩效评估' }).click();
    await chooseYear(page);
    await page.getByRole('tab', { name: '本单位得分' }).click();
    await expect.poll(() => page.getByTestId('unit-total').textContent()).toBe('96');
    const card = page.locator('.ant-descriptions');
    expect(await card.textContent()).toContain('类别排位1');
    const events = page.locator('.ant-table', { hasText: '考核事件' });
    const urgeRow = events.locator('tbody tr', { hasText: '被催办' }).first();
    expect(await urgeRow.getByRole('link').first().textContent()).toContain('城区停车难专项治理');
    // Other units' details are not offered: there is no unit picker and no 总览 of details.
    expect(await page.getByLabel('选择单位').count()).toBe(0);

    await urgeRow.getByRole('button', { name: /^申\s*诉$/ }).click();
    const dialog = page.locator('.ant-modal', { hasText: '申诉：被催办' });
    await dialog.getByLabel('申诉理由').fill('该次催办时本单位已按期报送办理情况，附报送记录。');
    await dialog.getByRole('button', { name: '提交申诉' }).click();
    await expect.poll(() => events.locator('tbody tr', { hasText: '申诉待裁定' }).count()).toBe(1);
    await screenshot(page, join(shots, 'evaluation-unit.png'));

    // 县绩效办 voids the event with a reason; the unit's score is recomputed.
    page = await app.signIn('linsf');
    await page.getByRole('menuitem', { name: '绩效评估' }).click();
    await chooseYear(page);
    await page.getByRole('tab', { name: /申诉/ }).click();
    await page.getByRole('button', { name: /^裁\s*定$/ }).click();
    const decision = page.locator('.ant-modal', { hasText: '裁定申诉' });
    await decision.getByText('撤销该事件（不再计分）').click();
    await decision.getByLabel('裁定理由').fill('经核实，报送记录属实');
    await decision.getByRole('button', { name: '确定裁定' }).click();
    await expect.poll(() => page.locator('.ant-table', { hasText: '申诉理由' }).textContent()).toContain('经核实，报送记录属实');
    const unit = (await app.api('zjj01', 'GET', `/api/evaluation/years/${YEAR}/units/zjj`)).body;
    expect(unit.total).toBe(98);
    expect(app.browser.errors).toEqual([]);
  }, 300_000);
});
