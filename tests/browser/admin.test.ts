/**
 * Administrators change a process visually, in the browser against the real server:
 * (a) P2's 催办 deadline — the time the units have to handle a case (D8) — goes from
 *     15 to 10 working days in the designer's panel and is deployed as a new version;
 *     a P2 item registered afterwards gets the 10-day handling deadline, an item
 *     registered before keeps 15 — both the waiting 承办单位办理 step and the units'
 *     own task (the 督查函 leaves its 办结时限 blank, so the diagram's deadline applies);
 * (b) a step whose assignee was removed cannot be deployed: the designer refuses,
 *     marks the step and lists the problem, and the server refuses the same file;
 * then forms, the calendar and backups (数据备份) are looked after through their pages.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addDurationSpec, toLocalDate, WorkCalendar } from '../../src/engine';
import { describeBrowser, withServerAndBrowser } from './describe-browser';
import { complete } from './steps';
import { settled } from './ui';
import type { Api } from './harness';

const P2 = 'p2-special-case';
const HANDLING_STEP = '承办单位办理（15个工作日）';
const ADMIN = 'gaoyuan';
/** Who acts on the steps before the units handle a case: 督查室承办人员, 督查室主任, 分管督查工作副县长, 县政府办主任. */
const OFFICE = ['fengxl', 'qianzy', 'zhaozh', 'sunlx'];

/** What the office enters at each step of P2 before the case goes to the units (转办 to 县住建局). */
function p2Steps(today: string): Record<string, { data: Record<string, unknown>; outcome?: string }> {
  return {
    P2_1_Register: { data: { content: '群众反映老旧小区改造进度滞后。', receivedDate: today, upperLevel: false, publicComplaint: false } },
    P2_1_Proposal: { data: { proposedOpinion: '建议转县住建局查办。', mode: '转办', units: ['zjj'], leadUnit: 'zjj' } },
    P2_1_ReviewR7: { data: { outcome: '同意' }, outcome: '同意' },
    P2_1_ApproveR4: { data: { outcome: '同意' }, outcome: '同意' },
    P2_1_ApproveR5: { data: { outcome: '同意' }, outcome: '同意' },
    P2_2_Register: { data: { units: ['zjj'], leadUnit: 'zjj', assignedDate: today } },
    // The letter leaves 办结时限 blank, so the units get the deadline the diagram sets for handling.
    P2_2_Letter: { data: { units: ['zjj'], leadUnit: 'zjj', assignedDate: today } },
    // The keeper of the 督查室公章 approves sealing the letter.
    P2_2_SealRequest: { data: { checked: true }, outcome: '同意用印' },
  };
}

/** Registers a P2 item as the 督查室; returns its id. */
async function registerP2(api: Api, title: string): Promise<string> {
  const r = await api('fengxl', 'POST', '/api/items', { procedureKey: P2, title, source: 'P2.S1', units: ['zjj'], leadUnit: 'zjj' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.itemId;
}

/** Walks a P2 item through 拟办, 立项 and the 督查函 until the units start handling it; returns the item detail then. */
async function walkToHandling(api: Api, itemId: string): Promise<any> {
  const today = toLocalDate(Date.now());
  const steps = p2Steps(today);
  const deadline = Date.now() + 90_000;
  let detail: any;
  while (Date.now() < deadline) {
    // The 督查室 reads every item (the administrator manages the system, not the cases).
    detail = (await api('fengxl', 'GET', `/api/items/${itemId}`)).body;
    if (detail.children?.length) return detail;
    let acted = false;
    for (const userId of OFFICE) {
      const todo = (await api(userId, 'GET', '/api/tasks/todo?pageSize=200')).body.rows.filter((t: any) => t.itemId === itemId);
      if (!todo.length) continue;
      const task = todo[0];
      const step = steps[task.elementId];
      if (!step) throw new Error(`unexpected step ${task.elementId} before the units handle the case`);
      await complete(api, userId, task.id, step.data, step.outcome, today);
      acted = true;
      break;
    }
    // Service steps (编号, 用印, 转办通知) run in the server's scheduler a moment later.
    if (!acted) await new Promise((r) => setTimeout(r, 300));
  }
  const open = (detail?.tasks ?? []).filter((t: any) => t.status === 'open').map((t: any) => `${t.elementId}(${t.assignee ?? ''})`);
  throw new Error(`item ${itemId} did not reach the units within 90 s; open steps: ${open.join(', ') || 'none'}; history: ${JSON.stringify(detail?.timeline?.slice(-3))}`);
}

/** The deadline the units get: working days from the moment handling started (the child item's creation). */
function expectedDue(detail: any, spec: string): string {
  return addDurationSpec(detail.children[0].createdAt, spec, WorkCalendar.default()).date;
}

/** The open deadline of the units' handling (承办单位办理) of an item, as the administration lists open deadlines. */
async function handlingDeadline(api: Api, itemId: string): Promise<{ dueDate: string; due: string; version: number }> {
  const rows = (await api(ADMIN, 'GET', '/api/admin/open-deadlines')).body.rows.filter((r: any) => r.itemId === itemId && r.elementId === 'P2_4_Handling');
  expect(rows, `handling deadline of item ${itemId}`).toHaveLength(1);
  return rows[0];
}

/** Opens P2 in the designer and waits until the diagram is loaded and checked. */
async function openDesigner(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/#/admin/processes`);
  await page.getByTestId('process-list').locator(`a[data-key="${P2}"]`).click();
  await page.locator('.djs-container svg').first().waitFor({ timeout: 60_000 });
  await page.getByTestId('problems').getByText('检查通过，可以部署').waitFor({ timeout: 30_000 });
}

/** Selects a step of the diagram through the designer's 查找环节 box. */
async function selectStep(page: Page, name: string): Promise<void> {
  const finder = page.getByRole('combobox', { name: '查找环节' });
  await finder.click();
  await finder.fill(name);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: name }).first().click();
}

describeBrowser('administrators change processes visually', () => {
  const app = withServerAndBrowser({ viewport: { width: 1600, height: 1000 } });
  let before: string;

  it('(a) 催办 deadline 15 → 10 working days in the panel: new items get 10, items registered before keep 15', async () => {
    const { page, api } = app;
    // Given a P2 item registered on the current version (v1, 15 working days)
    before = await registerP2(api, '改期前登记的查办事项');

    // When the administrator opens P2 in the designer, which speaks Chinese throughout
    await app.signIn(ADMIN);
    await openDesigner(page, app.baseUrl);
    const paletteTitles = await page.locator('.djs-palette .entry[data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.getAttribute('title') ?? ''));
    expect(paletteTitles.length).toBeGreaterThan(8);
    for (const t of paletteTitles) expect(t, `palette entry "${t}"`).toMatch(/[\u4e00-\u9fff]/);

    // and changes the units' handling time of 承办单位办理 from 15 to 10 working days
    await selectStep(page, HANDLING_STEP);
    const panel = page.getByTestId('properties-panel');
    await panel.locator('[data-element="P2_4_Handling"]').waitFor();
    const contextTitles = await page.locator('.djs-context-pad .entry[data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
    for (const t of contextTitles) expect(t, `context pad entry "${t}"`).toMatch(/[\u4e00-\u9fff]/);
    const due = panel.getByRole('spinbutton', { name: '办理时限数值' });
    expect(await due.inputValue()).toBe('15');
    await due.fill('10');
    await due.press('Tab');
    await page.getByText('有未部署的修改').waitFor();

    // and deploys: the dialog says the running item keeps its version
    await page.getByRole('button', { name: /部\s*署/ }).click();
    const dialog = await settled(page.locator('.ant-modal-confirm'));
    await dialog.getByText('已在办的 1 件事项仍按原来的版本办理').waitFor();
    await dialog.getByRole('button', { name: /部\s*署/ }).click();
    await page.locator('.ant-message').getByText('已部署：专项查办 第 2 版').waitFor();

    // Then the versions list shows both versions, the running item on version 1
    await page.getByRole('button', { name: /版\s*本/ }).click();
    const versions = page.getByTestId('versions');
    await versions.getByText('第 2 版').waitFor();
    expect(await versions.locator('tbody tr td:first-child').allInnerTexts()).toEqual([expect.stringMatching(/第\s*2\s*版/), expect.stringMatching(/第\s*1\s*版/)]);
    expect(await versions.getByTestId('running-count').allInnerTexts()).toEqual(['0', '1']);
    await page.keyboard.press('Escape');

    // and the server holds the new setting in version 2 only
    const v2 = (await api(ADMIN, 'GET', `/api/definitions/${P2}?version=2`)).body.xml as string;
    const v1 = (await api(ADMIN, 'GET', `/api/definitions/${P2}?version=1`)).body.xml as string;
    expect(v2).toMatch(/id="P2_4_Handling"[^>]*duban:due="10WD"/);
    expect(v1).toMatch(/id="P2_4_Handling"[^>]*duban:due="15WD"/);

    // When a new item is registered after the deploy, and both items reach the units
    const after = await registerP2(api, '改期后登记的查办事项');
    const newDetail = await walkToHandling(api, after);
    const oldDetail = await walkToHandling(api, before);

    // Then the new item runs on version 2 with 10 working days, the earlier one on version 1 with 15
    expect(newDetail.instance.definitionVersion).toBe(2);
    expect(oldDetail.instance.definitionVersion).toBe(1);
    const newDue = await handlingDeadline(api, after);
    const oldDue = await handlingDeadline(api, before);
    expect(newDue).toMatchObject({ due: '10WD', version: 2, dueDate: expectedDue(newDetail, '10WD') });
    expect(oldDue).toMatchObject({ due: '15WD', version: 1, dueDate: expectedDue(oldDetail, '15WD') });
    expect(newDue.dueDate < oldDue.dueDate).toBe(true);
    // and the units' own to-do carries that deadline
    for (const [detail, spec] of [[newDetail, '10WD'], [oldDetail, '15WD']] as const) {
      const child = (await api('fengxl', 'GET', `/api/items/${detail.children[0].id}`)).body;
      const handling = child.tasks.find((t: any) => t.elementId === 'UH_Handle' && t.status === 'open');
      expect(handling?.dueDate, `units' task of ${detail.title ?? detail.id}`).toBe(expectedDue(detail, spec));
    }
    expect(app.browser.errors).toEqual([]);
  }, 300_000);

  it('(b) a step without an assignee cannot be deployed: refused, the step marked and listed', async () => {
    const { page, api } = app;
    const latest = async () => (await api(ADMIN, 'GET', `/api/admin/definitions/${P2}/versions`)).body.rows[0].version as number;
    const versionBefore = await latest();
    await openDesigner(page, app.baseUrl);

    // When the administrator removes the assignee of 审核办理结果
    await selectStep(page, '审核办理结果');
    const panel = page.getByTestId('properties-panel');
    await panel.locator('[data-element="P2_5_Review"]').waitFor();
    await panel.getByRole('button', { name: '清除办理人' }).click();
    await panel.getByText('未指定办理人，流程不能部署').waitFor();

    // Then the live check marks the step on the canvas and lists the problem
    const problems = page.getByTestId('problems');
    const problem = problems.locator('.duban-problem[data-element="P2_5_Review"]');
    await problem.getByText('用户任务“审核办理结果”未指定办理人').waitFor();
    await expect.poll(() => page.locator('.djs-element.duban-problem-error[data-element-id="P2_5_Review"]').count()).toBe(1);

    // and deploying is refused in the designer, without asking to confirm
    await page.getByRole('button', { name: /部\s*署/ }).click();
    await page.locator('.ant-message').getByText('流程有 1 个错误，不能部署；请按下方清单修改').waitFor();
    expect(await page.locator('.ant-modal-confirm').count()).toBe(0);

    // and clicking the problem selects the step again after selecting something else
    await selectStep(page, HANDLING_STEP);
    await panel.locator('[data-element="P2_4_Handling"]').waitFor();
    await problem.click();
    await panel.locator('[data-element="P2_5_Review"]').waitFor();

    // and the server refuses the very file the designer produces, naming the step
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下\s*载/ }).click()]);
    const xml = readFileSync((await download.path())!, 'utf8');
    expect(xml).not.toMatch(/id="P2_5_Review"[^>]*duban:role=/);
    const refused = await api(ADMIN, 'POST', '/api/definitions', { xml });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('DEFINITION_INVALID');
    expect(refused.body.error.fields).toContainEqual({ field: 'P2_5_Review', message: expect.stringContaining('未指定办理人') });

    // and the same file uploaded back into the designer loads by its name, with the same problem listed
    await page.getByTestId('bpmn-upload').setInputFiles({ name: 'p2-edited.bpmn', mimeType: 'application/xml', buffer: Buffer.from(xml) });
    await page.locator('.ant-message').getByText('已载入 p2-edited.bpmn').waitFor();
    await problem.getByText('用户任务“审核办理结果”未指定办理人').waitFor();
    expect(await latest()).toBe(versionBefore);
    expect(app.browser.errors).toEqual([]);
  }, 300_000);

  it('(c) a form is edited as JSON with its checks and preview, and deployed as a new version', async () => {
    const { page, api } = app;
    await page.goto(`${app.baseUrl}/#/admin/forms?key=review`);
    const editor = page.getByTestId('form-editor');
    // The JSON stays under 高级, beside the designer.
    await editor.getByRole('tab', { name: '高级' }).click();
    const json = editor.getByRole('textbox', { name: '表单 JSON' });
    await page.getByTestId('form-preview').getByText('审核结论').waitFor();
    const original = await json.inputValue();

    // A field without a Chinese title is reported and cannot be deployed
    await json.fill(original.replace('"title": "理由及整改要求"', '"description": "理由"'));
    await page.getByTestId('form-check').getByText('缺少中文标题').waitFor();
    await editor.getByRole('button', { name: /部\s*署/ }).click();
    await page.locator('.ant-message').getByText('表单有 1 个错误，不能部署').waitFor();

    // A renamed field shows in the preview at once and deploys as version 2
    await json.fill(original.replace('"title": "审核结论"', '"title": "审核结论（复核）"'));
    await page.getByTestId('form-preview').getByText('审核结论（复核）').waitFor();
    await page.getByTestId('form-check').getByText('检查通过，可以部署').waitFor();
    await editor.getByRole('button', { name: /部\s*署/ }).click();
    await (await settled(page.locator('.ant-modal-confirm'))).getByRole('button', { name: /部\s*署/ }).click();
    await page.locator('.ant-message').getByText('已部署：第 2 版').waitFor();
    const versions = (await api(ADMIN, 'GET', '/api/admin/forms/review/versions')).body.rows;
    expect(versions.map((v: any) => v.version)).toEqual([2, 1]);
    expect(app.browser.errors).toEqual([]);
  }, 120_000);

  it('(d) a local day off shows the running deadlines it would move before it is saved', async () => {
    const { page, api } = app;
    // The P2 items of (a) wait for their units with deadlines 10 and 15 working days out.
    const cal = WorkCalendar.default();
    const today = toLocalDate(Date.now());
    const day = cal.addWorkdays(today, 3);
    await page.goto(`${app.baseUrl}/#/admin/calendar`);
    if (day.slice(0, 4) !== today.slice(0, 4)) await page.getByRole('combobox', { name: '年份' }).click().then(() => page.getByTitle(`${day.slice(0, 4)} 年`).click());
    await page.locator(`[data-testid=year-grid] [data-date="${day}"]`).click();
    const dialog = await settled(page.locator('.ant-modal').filter({ hasText: `调整 ${day}` }));
    await dialog.getByLabel('休息日').check();
    await dialog.getByRole('textbox', { name: '调整说明' }).fill('县域防汛停工');
    const moved = dialog.getByTestId('affected-deadlines');
    await moved.getByText('改期后登记的查办事项').first().waitFor();
    await moved.getByText('改期前登记的查办事项').first().waitFor();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-message').getByText(`已保存 ${day} 的调整`).waitFor();
    const days = (await api(ADMIN, 'GET', `/api/calendar/days?from=${day}&to=${day}`)).body.days;
    expect(days[0]).toMatchObject({ date: day, workday: false });
    expect(app.browser.errors).toEqual([]);
  }, 120_000);

  it('(e) a backup is made from 数据备份 while the server runs and downloads as a database file; 操作日志 lists what was done', async () => {
    const { page, api } = app;
    // The server made its daily backup when it started.
    const before = (await api(ADMIN, 'GET', '/api/admin/backups')).body.rows;
    expect(before.length).toBeGreaterThanOrEqual(1);
    await page.goto(`${app.baseUrl}/#/admin/backups`);
    await page.getByText('系统每天自动备份一次，保留最近 14 份').waitFor();
    await page.getByRole('button', { name: '立即备份' }).click();
    await page.locator('.ant-message').getByText(/已完成备份：duban-\d{8}-\d{6}(-\d+)?\.sqlite/).waitFor();
    const rows = (await api(ADMIN, 'GET', '/api/admin/backups')).body.rows;
    expect(rows).toHaveLength(before.length + 1);
    const link = page.getByRole('row').filter({ hasText: rows[0].name }).getByRole('link', { name: /下载/ });
    const href = await link.getAttribute('href');
    const file = await page.request.get(new URL(href!, app.baseUrl).toString());
    expect(file.status()).toBe(200);
    const body = await file.body();
    expect(body.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    expect(body.length).toBe(rows[0].bytes);

    // 操作日志 lists what the administrator did in (a)–(e), newest first.
    await page.goto(`${app.baseUrl}/#/admin/system-log`);
    const first = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await first.getByText('下载备份').waitFor();
    await expect.poll(() => first.textContent()).toContain(rows[0].name);
    await expect.poll(() => first.textContent()).toContain('高原');
    for (const done of ['数据备份', '调整工作日', '部署表单', '部署流程']) await page.locator('.ant-table-tbody').getByText(done).first().waitFor();
    await page.getByRole('combobox', { name: '操作类型' }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '调整工作日' }).click();
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
    await page.locator('.ant-table-tbody').getByText('设为休息日').waitFor();
    expect(app.browser.errors).toEqual([]);
  }, 120_000);
});

