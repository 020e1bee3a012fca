/**
 * Official documents in the browser, against the real server:
 * (a) a P2 case reaches its 督查函; the 督查室主任 (keeper of the 督查室公章) sees the letter
 *     under 待用印公文 on the 用印审批 step and approves; the sealed letter's PDF opens from
 *     the item's 公文与附件 tab and holds the unit and the matter; the use is in the
 *     用印登记簿, which filters and exports to Excel;
 * (b) an administrator uploads an edited 督查函 template on 公文模板, and the next letter
 *     made carries the edited sentence;
 * (c) a template naming a field the system does not know is refused with the server's
 *     Chinese message, and the active version stays.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PizZip from 'pizzip';
import { afterAll, expect, it } from 'vitest';
import { toLocalDate } from '../../src/engine';
import { describeBrowser, withServerAndBrowser } from './describe-browser';
import { type Api, ROOT, screenshot, screenshotDir } from './harness';
import { complete } from './steps';
import { decide, field, openTodo } from './ui';

const P2 = 'p2-special-case';
const ADMIN = 'gaoyuan';
/** Who acts on the steps before the units handle a case: 督查室承办人员, 督查室主任, 分管督查工作副县长, 县政府办主任. */
const OFFICE = ['fengxl', 'qianzy', 'zhaozh', 'sunlx'];
/** The step where the keeper of the 督查室公章 (R7) approves sealing the 督查函. */
const SEAL_STEP = 'P2_2_SealRequest';
const FIRST = '关于县城老旧小区改造进度滞后问题的查办';
const SECOND = '关于城区背街小巷路灯长期不亮问题的查办';
const MATTER = '请于15个工作日内查明改造进度滞后原因，提出整改措施并书面报送办理结果。';
/** A sentence of the bundled 督查函 template, and what the office makes of it. */
const SENTENCE = '须在期限届满前书面说明原因，申请延期。';
const EDITED = '须在期限届满三个工作日前书面说明原因，经县政府督查室同意后方可延期。';

/** A file from the API as a person of the mock county (the API client reads answers as text). */
async function bytesOf(baseUrl: string, userId: string, path: string): Promise<Buffer> {
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  const { token } = await login.json();
  const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return Buffer.from(await res.arrayBuffer());
}

/** The text of a .docx (its body's runs joined). */
function docxText(bytes: Buffer): string {
  const xml = new PizZip(bytes).file('word/document.xml')?.asText() ?? '';
  return xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
}

/** The bundled 督查函 template with one part of its body replaced. */
function editedTemplate(from: string, to: string): Buffer {
  const zip = new PizZip(readFileSync(join(ROOT, 'forms/templates/inspection-letter.docx')));
  const xml = zip.file('word/document.xml')!.asText();
  if (!xml.includes(from)) throw new Error(`the bundled 督查函 template no longer holds “${from}”`);
  zip.file('word/document.xml', xml.replace(from, to));
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** What the office enters at each step of P2 up to the 督查函 (转办 to 县住房和城乡建设局). */
function p2Steps(today: string): Record<string, { data: Record<string, unknown>; outcome?: string }> {
  return {
    P2_1_Register: { data: { content: '群众反映老旧小区改造进度滞后。', receivedDate: today, upperLevel: false, publicComplaint: false } },
    P2_1_Proposal: { data: { proposedOpinion: '建议转县住房和城乡建设局查办。', mode: '转办', units: ['zjj'], leadUnit: 'zjj' } },
    P2_1_ReviewR7: { data: { outcome: '同意' }, outcome: '同意' },
    P2_1_ApproveR4: { data: { outcome: '同意' }, outcome: '同意' },
    P2_1_ApproveR5: { data: { outcome: '同意' }, outcome: '同意' },
    P2_2_Register: { data: { units: ['zjj'], leadUnit: 'zjj', assignedDate: today } },
    P2_2_Letter: { data: { units: ['zjj'], leadUnit: 'zjj', assignedDate: today, leaderInstruction: '请县政府督查室督促县住房和城乡建设局限期整改。', content: MATTER } },
  };
}

/** Registers a P2 case and acts on its steps through the API until the 督查函 waits for its seal; resolves to the 用印审批 task. */
async function walkToSealRequest(api: Api, title: string): Promise<{ itemId: string; taskId: string; userId: string }> {
  const r = await api('fengxl', 'POST', '/api/items', { procedureKey: P2, title, source: 'P2.S1', units: ['zjj'], leadUnit: 'zjj' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const itemId: string = r.body.itemId;
  const today = toLocalDate(Date.now());
  const steps = p2Steps(today);
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    let acted = false;
    for (const userId of OFFICE) {
      const todo = (await api(userId, 'GET', '/api/tasks/todo?pageSize=200')).body.rows.filter((t: any) => t.itemId === itemId);
      if (!todo.length) continue;
      const task = todo[0];
      if (task.elementId === SEAL_STEP) return { itemId, taskId: task.id, userId };
      const step = steps[task.elementId];
      if (!step) throw new Error(`unexpected step ${task.elementId} before the 督查函's seal request`);
      await complete(api, userId, task.id, step.data, step.outcome, today);
      acted = true;
      break;
    }
    if (acted) continue;
    // Past the letter without a seal request: the diagram is not the one this test is about.
    if ((await api('fengxl', 'GET', `/api/items/${itemId}`)).body.children?.length) throw new Error(`item ${itemId} went to the units without a ${SEAL_STEP} step`);
    // Service steps (编号, 公文生成) run in the server's scheduler a moment later.
    await new Promise((ok) => setTimeout(ok, 300));
  }
  const detail = (await api('fengxl', 'GET', `/api/items/${itemId}`)).body;
  const open = (detail?.tasks ?? []).filter((t: any) => t.status === 'open').map((t: any) => t.elementId);
  throw new Error(`item ${itemId} did not reach ${SEAL_STEP} within 90 s; open steps: ${open.join(', ') || 'none'}`);
}

/** The item's 督查函 once `ready` says it is, polling the item page's data. */
async function letterOf(api: Api, itemId: string, ready: (d: any) => boolean, what: string): Promise<any> {
  const deadline = Date.now() + 60_000;
  let letters: any[] = [];
  while (Date.now() < deadline) {
    letters = (await api('fengxl', 'GET', `/api/items/${itemId}`)).body.documents.filter((d: any) => d.docType === '督查函');
    const found = letters.find(ready);
    if (found) return found;
    await new Promise((ok) => setTimeout(ok, 500));
  }
  throw new Error(`the 督查函 of ${itemId} is not ${what} within 60 s: ${JSON.stringify(letters.map((d) => ({ number: d.number, seal: d.seal, pdfStatus: d.pdfStatus, pdfError: d.pdfError })))}`);
}

describeBrowser('公文: the 督查函 as PDF, the seal register, templates the office edits', () => {
  const app = withServerAndBrowser();
  const { dir: shots, cleanup: removeShots } = screenshotDir();
  const work = mkdtempSync(join(tmpdir(), 'duban-docs-'));
  afterAll(() => {
    removeShots();
    rmSync(work, { recursive: true, force: true });
  });

  it('(a) the keeper approves the seal on the 督查函, whose PDF opens from the item and which the 用印登记簿 lists', async () => {
    const { itemId, userId } = await walkToSealRequest(app.api, FIRST);
    expect(userId).toBe('qianzy');

    // The 督查室主任 reads what he is asked to seal, then approves.
    const page = await app.signIn('qianzy');
    await openTodo(page, FIRST);
    const card = page.getByTestId('seal-request');
    await card.waitFor();
    await expect.poll(() => card.getByTestId('seal-request-seal').textContent()).toContain('县人民政府督查室公章');
    const listed = card.getByTestId('seal-request-document');
    await expect.poll(() => listed.count()).toBe(1);
    expect(await listed.textContent()).toMatch(/督查函[\s\S]*县住房和城乡建设局/);
    await field(page, '已核对公文与签发稿一致').locator('.ant-switch').click();
    await decide(page, '同意用印');

    // Sealed, and its PDF made again with the seal, off the action.
    const letter = await letterOf(app.api, itemId, (d) => d.seal === 'office' && d.pdfStatus === 'ready', 'sealed with its PDF ready');
    expect(letter.number).toMatch(/^.+督函〔\d{4}〕\d+号$/);

    // The 督查室 opens the PDF from the item's 公文与附件 tab.
    await app.signIn('fengxl');
    await page.goto(`${app.baseUrl}/#/items/${itemId}`);
    await page.getByTestId('item-page').waitFor();
    await page.getByRole('tab', { name: /公文与附件/ }).click();
    const row = page.getByTestId('document-row').filter({ hasText: letter.number });
    await row.waitFor();
    expect(await row.textContent()).toContain('已盖县人民政府督查室公章');
    expect(await row.getByTestId('document-recipient').textContent()).toBe('主送：县住房和城乡建设局');
    expect(await row.getByTestId('document-template').textContent()).toBe('模板：系统内置版本');
    await screenshot(page, join(shots, 'documents.png'));
    const link = row.getByTestId('document-pdf');
    const href = await link.getAttribute('href');
    expect(href).toContain(`/api/documents/${letter.id}/pdf`);
    const served = app.browser.context.waitForEvent('response', (res) => res.url().includes(`/api/documents/${letter.id}/pdf`));
    const popup = app.browser.context.waitForEvent('page');
    await link.click();
    const res = await served;
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    await (await popup).close();

    // The same link, fetched as the browser does, is the letter as a PDF holding the unit and the matter.
    const pdf = Buffer.from(await (await fetch(new URL(href!, app.baseUrl))).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    writeFileSync(join(work, 'letter.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(work, 'letter.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const part of ['县住房和城乡建设局', '督查函', '查明改造进度滞后原因', '县人民政府督查室']) expect(text).toContain(part);

    // The 用印登记簿 lists the use: who asked, who approved, the specimen seal; it filters and exports.
    await app.signIn('qianzy');
    await page.getByRole('menuitem', { name: '用印登记簿' }).click();
    await page.getByTestId('seal-register').waitFor();
    const registerRow = page.locator('.ant-table-row').filter({ hasText: letter.number });
    await registerRow.waitFor();
    const cells = await registerRow.textContent();
    for (const part of ['县人民政府督查室公章', '已用印', '钱志远', '电子样章']) expect(cells).toContain(part);
    await page.getByTestId('seal-register-q').fill('不会出现的关键字');
    await page.getByTestId('seal-register-search').click();
    await page.getByText('没有符合条件的用印记录').waitFor();
    await page.getByTestId('seal-register-q').fill('老旧小区');
    await page.getByTestId('seal-register-search').click();
    await registerRow.waitFor();
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(1);
    await screenshot(page, join(shots, 'seal-register.png'));
    const download = page.waitForEvent('download');
    await page.getByTestId('seal-register-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^用印登记簿.*\.xlsx$/);
    const xlsx = readFileSync(await file.path());
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');

    // The row leads to its item.
    await registerRow.getByTestId('seal-register-item-link').click();
    await page.getByTestId('item-page').waitFor();
    expect(page.url()).toContain(`/items/${itemId}`);
    expect(app.browser.errors).toEqual([]);
  }, 300_000);

  it('(c) a template naming an unknown field is refused in Chinese, and (b) an edited template is used by the next 督查函', async () => {
    const page = await app.signIn(ADMIN);
    await page.getByRole('menuitem', { name: '公文模板' }).click();
    await page.getByTestId('template-list').waitFor();
    await page.locator('[data-testid="template-list-item"][data-key="inspection-letter"]').click();
    const detail = page.getByTestId('template-detail');
    await expect.poll(() => detail.locator('.ant-card-head-title').textContent()).toContain('督查函');
    expect(await page.getByTestId('template-active-version').textContent()).toBe('系统内置版本');
    // The fields a clerk may type are listed with what they mean.
    const fields = await page.getByTestId('template-fields').textContent();
    for (const f of ['{承办单位}', '{督办内容}', '{办结时限}']) expect(fields).toContain(f);

    // (c) An unknown field: refused with the server's words, nothing saved.
    writeFileSync(join(work, '督查函-错误.docx'), editedTemplate(SENTENCE, `${SENTENCE}{不存在的字段}`));
    await page.getByTestId('template-upload-open').click();
    await page.locator('[data-testid="template-upload"] input[type=file], .ant-modal input[type=file]').first().setInputFiles(join(work, '督查函-错误.docx'));
    await page.getByTestId('template-upload-submit').click();
    const refusal = page.getByTestId('template-upload-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('模板引用了未知字段：{不存在的字段}');
    await page.locator('.ant-modal').getByRole('button', { name: /取\s*消/ }).click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    expect(await page.getByTestId('template-active-version').textContent()).toBe('系统内置版本');

    // (b) The edited sentence, uploaded as 第 1 版 with a note.
    writeFileSync(join(work, '督查函.docx'), editedTemplate(SENTENCE, EDITED));
    await page.getByTestId('template-upload-open').click();
    await page.locator('.ant-modal input[type=file]').first().setInputFiles(join(work, '督查函.docx'));
    await page.getByTestId('template-upload-note').fill('延期申请须提前三个工作日');
    await page.getByTestId('template-upload-submit').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('template-active-version').textContent()).toBe('第 1 版');
    await page.getByRole('tab', { name: /版本记录/ }).click();
    const versions = page.getByTestId('template-versions').locator('.ant-table-row');
    await expect.poll(() => versions.count()).toBe(2);
    expect(await versions.first().textContent()).toMatch(/第 1 版[\s\S]*使用中[\s\S]*延期申请须提前三个工作日[\s\S]*高原/);
    await screenshot(page, join(shots, 'templates.png'));

    // The next 督查函 is made from it.
    const { itemId } = await walkToSealRequest(app.api, SECOND);
    const letter = await letterOf(app.api, itemId, (d) => d.hasContent, 'generated');
    expect(letter.templateVersion).toBe(1);
    const docx = await bytesOf(app.baseUrl, 'fengxl', `/api/documents/${letter.id}/download`);
    const text = docxText(docx);
    expect(text).toContain(EDITED);
    expect(text).not.toContain(SENTENCE);
    expect(text).toContain('县住房和城乡建设局');
    expect(app.browser.errors).toEqual([]);
  }, 300_000);
});
