/**
 * An administrator reshapes 督查通报 in the form designer, in the browser against the real
 * server: renaming a deployed field's key first lists where it is used; 整改期限 is replaced by
 * a new required 工作日日期 field shown only when 通报类型 has 批评, 通报范围 moves up with the
 * keyboard (undone and redone), and the form is deployed as version 2
 * with a summary of the changes, after a preview at phone width as one step sees it, tried out
 * with its messages, and a look at the steps' permissions. A staff member drafting a 通报 sees 整改期限 appear and be
 * required only then; the server refuses a submission lacking it in that case and accepts one
 * without it otherwise.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, withServerAndBrowser } from './describe-browser';
import { field, openTodo, settled } from './ui';

const ADMIN = 'gaoyuan';
const STAFF = 'fengxl';
const TITLE = '关于城区道路提升项目推进情况的通报';
const PROCESS = readFileSync(new URL('./fixtures/circular-draft.bpmn', import.meta.url), 'utf8');

/** Picks an option of one antd select, in the dropdown that select owns (another may still be closing). */
async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  const list = await select.getByRole('combobox').getAttribute('aria-controls');
  const dropdown = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${list}"]`) });
  await dropdown.locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${option}$`) }).first().click();
}

describeBrowser('administrators design forms visually', () => {
  const app = withServerAndBrowser({ viewport: { width: 1600, height: 1000 } });

  it('an admin adds a required 整改期限 shown only when 通报类型 is 批评; the staff form and the server follow it', async () => {
    const { api } = app;
    expect((await api(ADMIN, 'POST', '/api/definitions', { xml: PROCESS })).status).toBe(201);

    const page = await app.signIn(ADMIN);
    await page.goto(`${app.baseUrl}/#/admin/forms?key=circular`);
    const designer = page.getByTestId('form-designer');
    const canvas = designer.getByTestId('designer-canvas');
    await canvas.locator('[data-node="rectification"]').waitFor();

    // Renaming a deployed key: its usages are listed before anything changes.
    await canvas.locator('[data-node="rectification"]').click();
    const props = designer.getByTestId('field-properties');
    await expect(props.getByRole('textbox', { name: '字段标识' }).isDisabled()).resolves.toBe(true);
    await props.getByRole('button', { name: '修改标识' }).click();
    let dialog = await settled(page.locator('.ant-modal-confirm'));
    const usages = dialog.getByTestId('field-usages');
    await usages.getByText('环节“拟制政府督查通报”的字段权限：可编辑').first().waitFor();
    await usages.getByText('流程“拟制督查通报（测试）”（第 1 版）环节“拟制政府督查通报”的字段权限：可编辑').waitFor();
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The old 整改期限 goes (its usages are shown first) …
    await canvas.locator('[data-node="rectificationDeadline"]').click();
    await designer.getByRole('button', { name: /(^|\s)删\s*除$/ }).click();
    dialog = await settled(page.locator('.ant-modal-confirm'));
    await dialog.getByTestId('field-usages').getByText('环节“拟制政府督查通报”的字段权限：可编辑').first().waitFor();
    await dialog.getByRole('button', { name: /删\s*除/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await canvas.locator('[data-node="rectificationDeadline"]').waitFor({ state: 'detached' });

    // … and a new one comes from the palette: its key follows its title; it is required.
    await canvas.locator('[data-node="rectification"]').click();
    await designer.getByTestId('designer-palette').getByRole('button', { name: '工作日日期' }).click();
    // The panel follows the selection a moment after the canvas.
    await expect.poll(() => props.getByRole('textbox', { name: '标题' }).inputValue()).toBe('工作日日期');
    await props.getByRole('textbox', { name: '标题' }).fill('整改期限');
    await expect.poll(() => props.getByRole('textbox', { name: '字段标识' }).inputValue()).toBe('rectificationDeadline');
    await props.getByRole('switch', { name: '必填' }).click();
    await canvas.locator('[data-node="rectificationDeadline"]').getByText('整改期限').waitFor();

    // 通报范围 moves up one place with the keyboard (Alt+↑), above 追责建议 …
    const order = () => canvas.locator('[data-node]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node') ?? ''));
    await canvas.locator('[data-node="scope"]').click({ position: { x: 4, y: 4 } });
    await canvas.locator('[data-node="scope"]').press('Alt+ArrowUp');
    await expect.poll(async () => (await order()).join(',')).toMatch(/(^|,)scope,accountability(,|$)/);
    // … and undone and redone from the toolbar.
    await designer.getByRole('button', { name: '撤销' }).click();
    await expect.poll(async () => (await order()).join(',')).toMatch(/(^|,)accountability,scope(,|$)/);
    await designer.getByRole('button', { name: '重做' }).click();
    await expect.poll(async () => (await order()).join(',')).toMatch(/(^|,)scope,accountability(,|$)/);
    // 追责建议 is dragged by its handle back above 通报范围.
    await canvas.locator('[data-node="accountability"]').scrollIntoViewIfNeeded();
    const handle = (await canvas.locator('[data-node="accountability"] .duban-designer-handle').boundingBox())!;
    const target = (await canvas.locator('[data-node="scope"]').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2, handle.y - 10, { steps: 4 });
    await page.mouse.move(target.x + target.width / 2, target.y + 2, { steps: 12 });
    await page.mouse.up();
    await expect.poll(async () => (await order()).join(',')).toMatch(/(^|,)accountability,scope(,|$)/);

    // 当 通报类型 等于 批评 时，显示 整改期限.
    await designer.getByRole('tab', { name: /联动规则/ }).click();
    const linkage = designer.getByTestId('linkage-editor');
    await linkage.getByRole('button', { name: '添加联动规则' }).click();
    const rule = linkage.getByTestId('linkage-rule-form');
    await choose(page, rule.getByTestId('linkage-condition-0').locator('.ant-select').first(), '通报类型');
    await choose(page, rule.getByTestId('linkage-condition-0').locator('.ant-select').nth(2), '批评');
    await choose(page, rule.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: '目标字段' }) }), '整改期限');
    await page.keyboard.press('Escape');
    await rule.getByRole('button', { name: '保存规则' }).click();
    await linkage.getByText('当 通报类型 等于 批评 时，显示 整改期限').waitFor();

    // Previewed at phone width as the drafting step sees it, and tried out: the Chinese messages show.
    await designer.getByRole('button', { name: /预\s*览/ }).click();
    const drawer = page.locator('.ant-drawer-content');
    await drawer.getByText('手机（375）').click();
    const preview = drawer.getByTestId('design-preview');
    await expect.poll(async () => Math.round((await preview.boundingBox())?.width ?? 0)).toBe(375);
    await choose(page, drawer.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: '以某环节查看' }) }), '拟制督查通报（测试） · 拟制政府督查通报');
    await drawer.getByRole('switch', { name: '试填' }).click();
    await drawer.getByRole('button', { name: /校\s*验/ }).click();
    await drawer.getByText('“标题”为必填项').first().waitFor();
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    // The steps × fields grid shows each step's permission (edited in the process designer).
    await designer.getByRole('button', { name: /环节权限/ }).click();
    const grid = (await settled(page.locator('.ant-modal').filter({ hasText: '各环节的字段权限' }))).getByTestId('step-grid');
    const docNo = grid.locator('tr').filter({ hasText: '文号' }).first();
    await docNo.getByText('只读').first().waitFor();
    await page.locator('.ant-modal').filter({ hasText: '各环节的字段权限' }).locator('.ant-modal-close').click();

    // Deployed as version 2, with the changes in plain words.
    await page.getByTestId('form-editor').getByRole('button', { name: /部\s*署/ }).first().click();
    dialog = await settled(page.locator('.ant-modal-confirm'));
    const summary = dialog.getByTestId('deploy-summary');
    await summary.getByText('字段“整改期限”改为必填').waitFor();
    await summary.getByText('新增联动规则：当 通报类型 等于 批评 时，显示 整改期限').waitFor();
    // The drag put the order back as deployed: no order change to report.
    expect(await summary.getByText('字段顺序已调整').count()).toBe(0);
    await dialog.getByRole('button', { name: /部\s*署/ }).click();
    await page.locator('.ant-message').getByText('已部署：第 2 版').waitFor();
    const deployed = (await api(ADMIN, 'GET', '/api/forms/circular')).body;
    expect(deployed.version).toBe(2);
    expect(deployed.schema['x-duban-linkage']).toEqual([
      { conditions: [{ field: 'kind', operator: 'eq', value: '批评' }], combine: 'and', action: 'show', fields: ['rectificationDeadline'] },
    ]);
    expect(deployed.schema.properties.rectificationDeadline).toMatchObject({ title: '整改期限', 'x-component': 'WorkdayDatePicker', required: true });
    expect(app.browser.errors).toEqual([]);

    // A staff member drafts a 通报: 整改期限 shows, and is required, only with 批评.
    const created = await api(STAFF, 'POST', '/api/items', { procedureKey: 'circular-draft', title: TITLE, source: 'P2.S1' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await app.signIn(STAFF);
    await openTodo(page, TITLE);
    const kinds = field(page, '通报类型');
    await kinds.waitFor();
    await expect(field(page, '整改期限').count()).resolves.toBe(0);
    await kinds.locator('.ant-checkbox-wrapper').filter({ hasText: '批评' }).click();
    const deadline = field(page, '整改期限');
    await deadline.waitFor();
    expect(await deadline.locator('.ant-formily-item-asterisk').count()).toBe(1);
    await page.getByTestId('task-submit').click();
    await deadline.getByText('“整改期限”为必填项').waitFor();
    await kinds.locator('.ant-checkbox-wrapper').filter({ hasText: '批评' }).click();
    await kinds.locator('.ant-checkbox-wrapper').filter({ hasText: '表扬' }).click();
    await deadline.waitFor({ state: 'detached' });

    // The server applies the same rule.
    const todo = (await api(STAFF, 'GET', '/api/tasks/todo?pageSize=200')).body.rows.find((t: any) => t.itemId === created.body.itemId);
    const submit = (data: Record<string, unknown>) => api(STAFF, 'POST', `/api/tasks/${encodeURIComponent(todo.id)}/complete`, { data });
    const base = { title: TITLE, content: '城区道路提升项目总体按计划推进。' };
    const lacking = await submit({ ...base, kind: ['批评'], criticisedUnits: ['zjj'] });
    expect(lacking.status).toBe(422);
    expect(lacking.body.error.fields).toContainEqual(expect.objectContaining({ field: 'rectificationDeadline', message: '“整改期限”为必填项' }));
    const hidden = await submit({ ...base, kind: ['表扬'], praisedUnits: ['zjj'], rectificationDeadline: '2026-06-30' });
    expect(hidden.status).toBe(422);
    expect(hidden.body.error.fields).toContainEqual(expect.objectContaining({ field: 'rectificationDeadline', message: '“整改期限”按联动规则当前不显示，不应填写' }));
    const accepted = await submit({ ...base, kind: ['表扬'], praisedUnits: ['zjj'] });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(app.browser.errors).toEqual([]);
  }, 300_000);
});
