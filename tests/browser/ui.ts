/**
 * What a person does in the web app, as test steps: fill Formily fields by their
 * Chinese labels, open a to-do from the 工作台, press a step's buttons.
 */
import type { Locator, Page } from 'playwright-core';

/**
 * Waits until a dialog has finished opening (antd's zoom-in): on a busy machine a click that
 * lands during the animation can be lost, leaving the dialog open. Endless animations (a
 * spinner inside) are not waited for.
 */
export async function settled(dialog: Locator): Promise<Locator> {
  await dialog.first().waitFor();
  await dialog.first().evaluate((el) =>
    Promise.all(
      el
        .getAnimations({ subtree: true })
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  return dialog;
}

/** A Formily field (FormItem) by its label. */
export function field(page: Page, label: string): Locator {
  return page.locator('.ant-formily-item').filter({ has: page.locator('.ant-formily-item-label').getByText(label, { exact: true }) }).first();
}

/** Types into a text input or text area. */
export async function fillText(page: Page, label: string, value: string): Promise<void> {
  await field(page, label).locator('input, textarea').first().fill(value);
}

/** Types a date ('YYYY-MM-DD') into a date picker and confirms it. */
export async function fillDate(page: Page, label: string, date: string): Promise<void> {
  const input = field(page, label).locator('.ant-picker input').first();
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await page.keyboard.press('Escape');
}

/** Picks an option of a select (UnitPicker, UserPicker, Select) by its text. */
export async function pickOption(page: Page, label: string, option: string): Promise<void> {
  await field(page, label).locator('.ant-select').click();
  await page.keyboard.type(option);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: option }).first().click();
  await page.keyboard.press('Escape');
}

/** Picks a radio option of a field. */
export async function pickRadio(page: Page, label: string, option: string): Promise<void> {
  await field(page, label).locator('.ant-radio-wrapper').filter({ hasText: option }).click();
}

/** Opens 发起事项, picks a procedure and the item's source, and goes on to the registration form. */
export async function beginRegistration(page: Page, procedure: string, source: string): Promise<void> {
  await page.getByRole('menuitem', { name: '发起事项' }).click();
  await page.getByTestId(`procedure-${procedure}`).click();
  await page.getByTestId(`source-${source}`).click();
  await page.getByRole('button', { name: '下一步' }).click();
}

/**
 * Registers a 专项查办 (P2) item through 发起事项 — its 事项名称, any other text fields (by
 * label), 事项内容 and 收件日期 ('YYYY-MM-DD') — and waits for the step the registering
 * person goes straight on to: 提出拟办意见.
 */
export async function registerCase(
  page: Page,
  source: string,
  item: { title: string; content: string; received: string; fields?: Record<string, string> },
): Promise<void> {
  await beginRegistration(page, 'p2-special-case', source);
  await fillText(page, '事项名称', item.title);
  for (const [label, value] of Object.entries(item.fields ?? {})) await fillText(page, label, value);
  await fillText(page, '事项内容', item.content);
  await fillDate(page, '收件日期', item.received);
  await page.getByTestId('start-submit').click();
  await waitForStep(page, '提出拟办意见');
}

/** Opens the to-do of an item from the 工作台 (the person must be signed in). */
export async function openTodo(page: Page, itemTitle: string): Promise<void> {
  await page.getByTestId('workbench').waitFor();
  const link = page.getByTestId('todo-item').filter({ hasText: itemTitle }).getByRole('link', { name: itemTitle });
  await link.first().click();
  await page.getByTestId('task-page').waitFor();
}

/** The step name shown as the task page's title. */
export async function stepName(page: Page): Promise<string> {
  return (await page.locator('.duban-page-title h1').textContent()) ?? '';
}

/** Presses an outcome button (同意, 不同意, 办结…) or 提交, and waits until the page has moved on. */
export async function decide(page: Page, outcome?: string): Promise<void> {
  const before = page.url();
  const button = outcome ? page.getByTestId(`outcome-${outcome}`) : page.getByTestId('task-submit');
  await button.click();
  const refused = page.getByTestId('form-refusal').or(page.locator('.task-opinion-error'));
  const moved = page.waitForURL((url) => url.toString() !== before, { timeout: 30_000 }).then(() => 'moved' as const);
  const outcomeOf = await Promise.race([moved, refused.first().waitFor({ timeout: 30_000 }).then(() => 'refused' as const)]);
  if (outcomeOf === 'refused') {
    const errors = await page.locator('.ant-formily-item-error-help, .ant-formily-item-feedback-layout-loose .ant-formily-item-help').allTextContents();
    throw new Error(`the step was refused: ${await refused.first().textContent()} ${errors.join('；')}`);
  }
  await page.locator('[data-testid="workbench"], [data-testid="task-page"]').first().waitFor();
}

/** Waits until the task page shows a step. */
export async function waitForStep(page: Page, name: string): Promise<void> {
  await page.locator('.duban-page-title h1', { hasText: name }).waitFor({ timeout: 30_000 });
}
