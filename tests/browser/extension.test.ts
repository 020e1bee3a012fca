/**
 * 申请延期 (X7) through the UI, on the diagram's path: a unit asks for a later deadline with
 * a reason from its handling step (which goes on meanwhile); the 督查室主任 reviews it and
 * re-drafts the date, the 县政府办主任 agrees, each from their own to-do; the step then shows
 * the new deadline with the original struck through, and the item keeps the history.
 */
import { join } from 'node:path';
import dayjs from 'dayjs';
import { afterAll, expect, it } from 'vitest';
import { P5_ORDER, walkP5ToUnits } from '../support/p5-walk';
import { describeBrowser, withServerAndBrowser } from './describe-browser';
import { screenshot, screenshotDir } from './harness';
import { decide, fillDate, openTodo, waitForStep } from './ui';

const UNIT_ITEM = `${P5_ORDER.title}（县住房和城乡建设局）`;

describeBrowser('an extension asked for, reviewed and approved; who may do what, as the administrator reads it', () => {
  const { dir: shots, cleanup: removeShots } = screenshotDir();
  afterAll(removeShots);
  const original = dayjs().add(30, 'day').format('YYYY-MM-DD');
  const wanted = dayjs(original).add(20, 'day').format('YYYY-MM-DD');
  const granted = dayjs(original).add(14, 'day').format('YYYY-MM-DD');
  const app = withServerAndBrowser({ prepare: async ({ api }) => void (await walkP5ToUnits(api, { ...P5_ORDER, deadline: original })) });

  it('moves the deadline only after both approvals, to the re-drafted date, and keeps the original', async () => {
    let page = await app.signIn('zjj01');
    await openTodo(page, UNIT_ITEM);
    await waitForStep(page, '承办单位办理并反馈');
    // The unit is asked only for the date and the reason.
    await page.getByTestId('action-more').click();
    await page.getByRole('menuitem', { name: '申请延期' }).click();
    const dialog = page.getByTestId('dialog-requestExtension');
    await dialog.locator('.ant-picker input').fill(wanted);
    await dialog.locator('.ant-picker input').press('Enter');
    await dialog.locator('textarea').fill('涉及多个部门联合审批，需延期办理。');
    await page.locator('.ant-modal').getByRole('button', { name: /确\s*定/ }).click();
    await page.getByTestId('dialog-requestExtension').waitFor({ state: 'detached' });
    // Asked for, not granted: the step keeps its deadline and offers no second request.
    await page.getByTestId('action-more').click();
    expect(await page.getByRole('menuitem', { name: '申请延期' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(await page.locator('.duban-page-title .duban-due').textContent()).toContain(original);

    // 督查室主任: the request is a to-do with its reason; 不同意 needs an opinion; 同意 with a re-drafted date.
    page = await app.signIn('qianzy');
    await openTodo(page, UNIT_ITEM);
    await waitForStep(page, '督查室主任审核并重新拟定落实时间');
    await expect.poll(() => page.getByTestId('task-page').textContent()).toContain('涉及多个部门联合审批，需延期办理。');
    // Fields the unit left empty read in Chinese, not the form library's 'N/A'.
    expect(await page.getByTestId('task-page').textContent()).not.toContain('N/A');
    expect(await page.getByTestId('task-page').textContent()).toContain('未填写');
    await page.getByTestId('outcome-不同意').click();
    await expect.poll(() => page.locator('.task-opinion-error').textContent()).toContain('选择“不同意”时须填写办理意见');
    await fillDate(page, '重新拟定的落实时间', granted);
    await page.locator('.task-opinion textarea').fill('同意延期，按重新拟定的时间落实。');
    await screenshot(page, join(shots, 'extension.png'));
    await decide(page, '同意');

    page = await app.signIn('sunlx');
    await openTodo(page, UNIT_ITEM);
    await waitForStep(page, '县政府办主任同意延期');
    await decide(page, '同意');

    // The unit's step now runs to the granted date; the original is kept, struck through.
    page = await app.signIn('zjj01');
    await openTodo(page, UNIT_ITEM);
    await waitForStep(page, '承办单位办理并反馈');
    const due = page.locator('.duban-page-title .duban-due');
    await expect.poll(() => due.textContent()).toContain(granted);
    expect(await due.locator('s').textContent()).toBe(original);

    await page.getByTestId('task-item-link').click();
    await page.getByRole('tab', { name: '期限与延期' }).click();
    const history = page.getByTestId('deadline-history');
    await expect.poll(() => history.textContent()).toContain('已批准');
    const text = await history.textContent();
    expect(text).toContain(`${original} → ${wanted}`);
    expect(text).toContain(`批准延至 ${granted}`);
    expect(text).toContain('已延期');
    expect(app.browser.errors).toEqual([]);
  }, 300_000);

  it('shows the policy file as the 权限表 of 角色配置: each capability with the roles holding it', async () => {
    const page = await app.signIn('gaoyuan');
    await page.goto(`${app.baseUrl}/#/admin/roles`);
    const table = page.getByTestId('policy-table');
    await table.waitFor();
    const urge = table.getByRole('row').filter({ hasText: '催办任意待办' });
    await expect.poll(() => urge.textContent()).toContain('督查室主任');
    expect(await urge.textContent()).toContain('县长');
    expect(await urge.textContent()).not.toContain('承办单位');
    const fallback = table.getByRole('row').filter({ hasText: '代为办理' });
    expect(await fallback.textContent()).toContain('督查室承办人员');
    await table.scrollIntoViewIfNeeded();
    await screenshot(page, join(shots, 'roles.png'));
    expect(app.browser.errors).toEqual([]);
  }, 120_000);
});
