/**
 * 流程设计 → 导入, in the browser against the real server: a Flowable file (no
 * diagram layout, groups as potential owners, no forms) is reviewed in the Chinese
 * table, its groups mapped to roles and its steps given one of our forms, and it
 * opens in the designer laid out and passing the check; then it deploys.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, withServerAndBrowser } from './describe-browser';
import { settled } from './ui';

const ADMIN = 'gaoyuan';
const FILE = join(import.meta.dirname, '..', 'engine', 'fixtures', 'third-party', 'flowable', 'FinancialReportProcess.bpmn20.xml');

// Opens the designer on a new diagram.
async function openNewDesigner(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/#/admin/processes`);
  await page.getByRole('button', { name: /新建流程/ }).click();
  const dialog = page.locator('.ant-modal').filter({ hasText: '新建流程' });
  await dialog.getByPlaceholder('如：信访件督办').fill('导入演示');
  await dialog.getByPlaceholder('如：petition').fill('import-demo');
  await dialog.getByRole('button', { name: '开始设计' }).click();
  await page.locator('.djs-container svg').first().waitFor({ timeout: 60_000 });
}

// Picks the first option containing `text` in the select marked with `testId`.
async function pick(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  // The option list is virtual: search narrows it to the wanted option.
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text }).first().click();
}

describeBrowser('importing a diagram from another engine', () => {
  const app = withServerAndBrowser({ viewport: { width: 1600, height: 1000 } });

  it('reviews a Flowable file in Chinese, maps its groups and forms, and opens it laid out and ready to deploy', async () => {
    const { page, api } = app;
    // Flowable's own exports carry no diagram layout: the example's is taken out.
    const withoutLayout = readFileSync(FILE, 'utf8').replace(/<bpmndi:BPMNDiagram>[\s\S]*<\/bpmndi:BPMNDiagram>/, '');
    expect(withoutLayout).not.toContain('BPMNShape');
    await app.signIn(ADMIN);
    await openNewDesigner(page, app.baseUrl);

    await page.getByTestId('bpmn-import').setInputFiles({ name: 'FinancialReportProcess.bpmn20.xml', mimeType: 'application/xml', buffer: Buffer.from(withoutLayout) });
    await settled(page.locator('.ant-modal').filter({ hasText: '导入流程' }));
    const review = page.getByTestId('import-review');
    await review.getByText('识别到').waitFor();
    await review.getByText('文件没有图形布局，导入时将自动排版。').waitFor();
    await review.getByText('accountancy').waitFor();
    await review.getByText('management').waitFor();

    await pick(page, 'import-principal-group:accountancy', 'R8');
    await pick(page, 'import-principal-group:management', 'R7');
    await pick(page, 'import-default-form', 'review');
    await page.getByTestId('import-confirm').click();

    // The file names its own process (financialReport): the designer says it deploys as that process.
    await page.locator('.ant-message').getByText('上传文件的流程编号为“financialReport”').waitFor({ timeout: 30_000 });
    await page.locator('.djs-element[data-element-id="writeReportTask"]').waitFor();
    await page.locator('.djs-element[data-element-id="verifyReportTask"]').waitFor();
    const problems = page.getByTestId('problems');
    await expect.poll(async () => (await problems.innerText()).includes('未指定办理人'), { timeout: 30_000 }).toBe(false);
    expect(await problems.innerText()).not.toMatch(/未指定表单/);

    // and it deploys, as the process the file names
    await page.getByRole('button', { name: /部\s*署/ }).click();
    const confirm = await settled(page.locator('.ant-modal-confirm'));
    await confirm.getByRole('button', { name: /部\s*署/ }).click();
    await page.locator('.ant-message').getByText(/已部署：/).waitFor({ timeout: 30_000 });
    const deployed = await api(ADMIN, 'GET', '/api/definitions/financialReport');
    expect(deployed.status).toBe(200);
    expect(deployed.body.xml).toContain('duban:role="R8"');
    expect(app.browser.errors).toEqual([]);
  }, 300_000);
});
