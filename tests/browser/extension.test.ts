/**
 * 申请延期 (X7) through the UI: the handler asks for a later deadline with a reason, the
 * 督查室主任 reviews it and the 县政府办主任 approves it from their 工作台; the step then
 * shows the new deadline with the original struck through, and the item keeps the history.
 */
import dayjs from 'dayjs';
import { expect, it } from 'vitest';
import { describeBrowser, withServerAndBrowser } from './describe-browser';
import { registerCase, waitForStep } from './ui';

const TITLE = '关于县城老旧小区加装电梯进度缓慢问题的查办';

describeBrowser('an extension asked for, reviewed and approved', () => {
  const app = withServerAndBrowser();

  it('moves the deadline only after both approvals, and keeps the original', async () => {
    const page = await app.signIn('fengxl');
    await registerCase(page, 'P2.S2', { title: TITLE, content: '多个小区加装电梯审批进度缓慢。', received: dayjs().format('YYYY-MM-DD') });
    const original = (await page.locator('.duban-page-title .duban-due').textContent())!.match(/\d{4}-\d{2}-\d{2}/)![0];
    const wanted = dayjs(original).add(20, 'day').format('YYYY-MM-DD');

    // Ask for the extension from the step's 更多 menu.
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

    for (const [person, status] of [
      ['qianzy', '待督查室审核'],
      ['sunlx', '待县政府办主任审批'],
    ] as const) {
      await app.signIn(person);
      await page.locator('.wb-tabs').getByText('延期审批').click();
      const request = page.getByTestId('extension-item').filter({ hasText: wanted });
      await expect.poll(() => request.textContent()).toContain(status);
      await request.getByRole('button', { name: /^同\s*意$/ }).click();
      await page.locator('.ant-modal textarea').fill('同意延期。');
      await page.locator('.ant-modal').getByRole('button', { name: /确\s*定/ }).click();
      await expect.poll(() => page.getByTestId('extension-item').filter({ hasText: wanted }).count()).toBe(0);
    }

    // The step now runs to the new date; the original is kept, struck through.
    await app.signIn('fengxl');
    await page.getByTestId('todo-item').filter({ hasText: TITLE }).getByRole('link').click();
    await waitForStep(page, '提出拟办意见');
    const due = page.locator('.duban-page-title .duban-due');
    await expect.poll(() => due.textContent()).toContain(wanted);
    expect(await due.locator('s').textContent()).toBe(original);

    await page.getByTestId('task-item-link').click();
    await page.getByRole('tab', { name: '期限与延期' }).click();
    const history = page.getByTestId('deadline-history');
    await expect.poll(() => history.textContent()).toContain('已批准');
    expect(await history.textContent()).toContain(`${original} → ${wanted}`);
    expect(await history.textContent()).toContain('已延期');
    expect(app.browser.errors).toEqual([]);
  }, 300_000);
});
