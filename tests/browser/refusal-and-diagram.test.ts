/**
 * Two things a person must be able to rely on: a form that is refused says why, in
 * Chinese, next to the field (whether the browser or the server refused it); and the
 * item page's diagram shows which steps are done, which one is current, which is overdue.
 */
import dayjs from 'dayjs';
import { expect, it } from 'vitest';
import { describeBrowser, withServerAndBrowser } from './describe-browser';
import { beginRegistration, decide, field, fillText, openTodo, registerCase, waitForStep } from './ui';

describeBrowser('refused forms and the item diagram', () => {
  const app = withServerAndBrowser();

  it('refuses a registration without its required fields, with the Chinese message under each field', async () => {
    const page = await app.signIn('fengxl');
    await beginRegistration(page, 'p2-special-case', 'P2.S2');
    let posted = 0;
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/items') && posted++);
    await page.getByTestId('start-submit').click();

    await expect.poll(() => field(page, '事项名称').textContent()).toContain('“事项名称”为必填项');
    expect(await field(page, '事项内容').textContent()).toContain('“事项内容”为必填项');
    expect(await page.getByTestId('form-refusal').textContent()).toContain('请按标红提示修改');
    // Nothing was registered.
    expect(posted).toBe(0);
  }, 120_000);

  it("shows the server's refusal of a submission next to the field it concerns", async () => {
    const title = '关于桥头乡敬老院消防设施问题的查办';
    const page = await app.signIn('fengxl');
    await registerCase(page, 'P2.S4', { title, content: '敬老院消防设施老化，需查明整改情况。', received: dayjs().format('YYYY-MM-DD') });

    // The browser's checks pass; on the way to the server the 拟办意见 is lost (as a
    // tampered or outdated client would send it): the server must refuse, per field.
    await fillText(page, '拟办意见', '建议转桥头乡政府查办。');
    await page.locator('.ant-formily-item').filter({ hasText: '承办形式' }).getByText('自办', { exact: true }).click();
    await page.route('**/api/tasks/*/complete', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}');
      delete body.data.proposedOpinion;
      await route.continue({ postData: JSON.stringify(body) });
    });
    const answer = page.waitForResponse((r) => r.url().includes('/complete'));
    await page.getByTestId('task-submit').click();
    const res = await answer;
    expect(res.status()).toBe(422);
    const refusal = (await res.json()) as { error: { fields: { field: string; message: string }[] } };
    const serverMessage = refusal.error.fields.find((f) => f.field === 'proposedOpinion')?.message;
    expect(serverMessage).toMatch(/[\u4e00-\u9fff]/);

    await expect.poll(() => field(page, '拟办意见').locator('.ant-formily-item-help').textContent()).toBe(serverMessage);
    expect(await page.getByTestId('form-refusal').textContent()).toContain('表单填写有误');
    await page.unroute('**/api/tasks/*/complete');
    // Still the same step: nothing was lost.
    await waitForStep(page, '提出拟办意见');
  }, 120_000);

  it('highlights the done, the current and the overdue steps on the item page', async () => {
    const title = '关于柳林乡饮水工程进度滞后问题的查办';
    const page = await app.signIn('hejj');
    // Received three weeks ago: the 拟办 (due two working days after receipt) is already overdue.
    await registerCase(page, 'P2.S3', { title, content: '柳林乡农村饮水安全巩固提升工程进度滞后。', received: dayjs().subtract(21, 'day').format('YYYY-MM-DD') });
    await page.getByTestId('task-item-link').click();
    await page.getByTestId('item-page').waitFor();

    const el = (id: string) => page.locator(`.djs-element[data-element-id="${id}"]`);
    await el('P2_1_Proposal').waitFor();
    await expect.poll(() => el('P2_1_Proposal').getAttribute('class')).toContain('duban-overdue');
    expect(await el('P2_1_Register').getAttribute('class')).toContain('duban-done');
    expect(await el('P2_1_ReviewR7').getAttribute('class')).not.toMatch(/duban-(done|current|overdue)/);
    // The marker is visible, not just a class: the step's shape is drawn red.
    const stroke = await el('P2_1_Proposal').locator('.djs-visual > :first-child').evaluate((n) => getComputedStyle(n).stroke);
    expect(stroke).toBe('rgb(217, 54, 62)');
    expect(await page.getByTestId('item-now').textContent()).toContain('提出拟办意见');

    // Once the step is done, the next one is current (blue) and the overdue one is done.
    await page.getByRole('link', { name: '打开' }).first().click();
    await waitForStep(page, '提出拟办意见');
    await fillText(page, '拟办意见', '建议督查室自办。');
    await page.locator('.ant-formily-item').filter({ hasText: '承办形式' }).getByText('自办', { exact: true }).click();
    await decide(page);
    await app.signIn('qianzy');
    await openTodo(page, title);
    await page.getByTestId('task-item-link').click();
    await el('P2_1_ReviewR7').waitFor();
    await expect.poll(() => el('P2_1_ReviewR7').getAttribute('class')).toContain('duban-current');
    expect(await el('P2_1_Proposal').getAttribute('class')).toContain('duban-done');
    const current = await el('P2_1_ReviewR7').locator('.djs-visual > :first-child').evaluate((n) => getComputedStyle(n).stroke);
    expect(current).toBe('rgb(27, 79, 145)');
    expect(app.browser.errors).toEqual([]);
  }, 180_000);
});
