/**
 * The side actions of a step, through the UI: 退回 to an earlier step with a reason,
 * 转办 to a colleague, 加签 before oneself, 撤回 of one's own step, and 催办 from the
 * item page — each visible afterwards in the to-do lists and in the item's record.
 */
import dayjs from 'dayjs';
import type { Locator } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, withServerAndBrowser } from './describe-browser';
import { decide, fillText, openTodo, pickRadio, registerCase, waitForStep } from './ui';

const TITLE = '关于河西镇垃圾中转站异味扰民问题的查办';

describeBrowser('退回, 转办, 加签, 撤回 and 催办', () => {
  const app = withServerAndBrowser();

  /** Confirms the open side-action dialog. */
  const confirm = async () => {
    const { page } = app;
    await page.locator('.ant-modal').getByRole('button', { name: /确\s*定|催\s*办/ }).click();
    await page.locator('.ant-modal').first().waitFor({ state: 'hidden' });
  };

  /** Picks a person in a side-action dialog's select. */
  const pickPerson = async (dialog: Locator, name: string) => {
    const { page } = app;
    await dialog.locator('.ant-select').click();
    await page.keyboard.type(name);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: name }).click();
  };

  it('hands the step around and records every move', async () => {
    // Registered and proposed by 冯晓丽.
    const page = await app.signIn('fengxl');
    await registerCase(page, 'P2.S1', { title: TITLE, content: '群众反映垃圾中转站夏季异味严重。', received: dayjs().format('YYYY-MM-DD') });
    await fillText(page, '拟办意见', '建议自办。');
    await pickRadio(page, '承办形式', '自办');
    await decide(page);

    // 撤回: she takes her step back before the 督查室主任 touches it, then sends it again.
    await page.locator('.wb-tabs').getByText('已办事项').click();
    await page.getByTestId('done-item').filter({ hasText: '提出拟办意见' }).getByRole('link').click();
    await waitForStep(page, '提出拟办意见');
    await page.getByTestId('action-withdraw').click();
    await page.getByTestId('dialog-withdraw').locator('textarea').fill('承办形式需再斟酌。');
    await confirm();
    await page.getByTestId('workbench').waitFor();
    await openTodo(page, TITLE);
    await waitForStep(page, '提出拟办意见');
    await decide(page);

    // 退回: the 督查室主任 sends the proposal back with a reason.
    await app.signIn('qianzy');
    await openTodo(page, TITLE);
    await waitForStep(page, '督查室主任审核拟办意见');
    await page.getByTestId('action-sendBack').click();
    const back = page.getByTestId('dialog-sendBack');
    await back.getByText('提出拟办意见').click();
    await back.locator('textarea').fill('拟办意见过于简略，请补充承办要求。');
    await confirm();
    await page.getByTestId('workbench').waitFor();

    // 转办: 冯晓丽 hands the returned step to 何俊杰.
    await app.signIn('fengxl');
    await openTodo(page, TITLE);
    await waitForStep(page, '提出拟办意见');
    await page.getByTestId('action-more').click();
    await page.getByRole('menuitem', { name: '转办' }).click();
    const hand = page.getByTestId('dialog-reassign');
    await pickPerson(hand, '何俊杰');
    await hand.locator('textarea').fill('请何俊杰同志办理。');
    await confirm();
    await page.getByTestId('workbench').waitFor();
    expect(await page.getByTestId('todo-item').filter({ hasText: TITLE }).count()).toBe(0);

    // 加签 before himself: 许静 signs first, then the step comes back to 何俊杰.
    await app.signIn('hejj');
    await openTodo(page, TITLE);
    await page.getByTestId('action-more').click();
    await page.getByRole('menuitem', { name: '加签' }).click();
    const sign = page.getByTestId('dialog-addSigner');
    await pickPerson(sign, '许静');
    await confirm();
    await expect.poll(() => page.locator('.ant-alert').first().textContent()).toContain('等待加签人');

    await app.signIn('xujing');
    await openTodo(page, TITLE);
    await fillText(page, '拟办意见', '建议督查室自办，10个工作日内查清原因并督促整改。');
    await decide(page);

    await app.signIn('hejj');
    await openTodo(page, TITLE);
    await waitForStep(page, '提出拟办意见');
    expect(await page.locator('.ant-alert').filter({ hasText: '等待加签人' }).count()).toBe(0);

    // 催办 from the item page by the 督查室主任.
    await app.signIn('qianzy');
    await page.getByRole('menuitem', { name: '督查台账' }).click();
    await page.getByTestId('ledger-row-link').filter({ hasText: TITLE }).click();
    await page.getByTestId('urge-step').first().click();
    await page.locator('.ant-modal .ant-select').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '电话催办' }).click();
    await page.locator('.ant-modal textarea').fill('请于明日前报送拟办意见。');
    await confirm();
    await expect.poll(() => page.getByTestId('urge-step').first().textContent()).toContain('(1)');

    const record = (await page.getByTestId('timeline-entry').allTextContents()).join('\n');
    expect(record).toContain('撤回');
    expect(record).toContain('退回至“提出拟办意见”');
    expect(record).toContain('拟办意见过于简略');
    expect(record).toContain('转办');
    expect(record).toContain('加签');
    expect(record).toContain('电话催办（第 1 次）');
    expect(app.browser.errors).toEqual([]);
  }, 300_000);
});
