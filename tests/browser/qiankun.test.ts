/**
 * Duban inside a host OA's page. A real qiankun main app (the `qiankun` package in a small host page on
 * another port) mounts Duban as a micro-app and passes the person's token and Duban's address as mount
 * props: the person opens a task from the 工作台, completes it, and the 撤回 dialog that follows opens
 * inside Duban's container, not somewhere in the host's page. The same build also runs in an iframe of
 * an origin allowed by frame-ancestors.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import dayjs from 'dayjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, withServerAndBrowser } from './describe-browser';
import { apiClient, demoToken, ensureBuilt, freePort, ROOT, type RunningServer, startServer } from './harness';
import { decide, fillDate, openTodo, waitForStep } from './ui';

const TITLE = '城区停车难专项治理';

/** The host OA's page: its own header and menu, and a container where qiankun mounts Duban. */
function hostPage(duban: string, token: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>清河县协同办公平台</title></head>
<body style="margin:0;font-family:sans-serif">
<header id="oa-header" style="height:48px;background:#0b3a7a;color:#fff;display:flex;align-items:center;padding:0 16px">清河县协同办公平台</header>
<div style="display:flex"><nav id="oa-menu" style="width:160px">公文 · 会议 · 督查督办</nav><main id="oa-main" style="flex:1"><div id="duban-container"></div></main></div>
<script src="/qiankun.js"></script>
<script>
  window.mounted = qiankun.loadMicroApp(
    { name: 'duban', entry: ${JSON.stringify(`${duban}/`)}, container: '#duban-container', props: { token: ${JSON.stringify(token)}, apiBase: ${JSON.stringify(duban)} } },
    { sandbox: true },
  );
</script></body></html>`;
}

/** The host OA's page framing Duban instead. */
const framePage = (duban: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>清河县协同办公平台</title></head><body><iframe id="duban-frame" src="${duban}/#/login" style="width:1200px;height:800px;border:0"></iframe></body></html>`;

describeBrowser('mounted by a qiankun main app in the host OA’s page, and framed', () => {
  const app = withServerAndBrowser({ server: false });
  let server: RunningServer;
  let host: Server;
  let hostUrl = '';
  const pages = new Map<string, () => string>();

  beforeAll(async () => {
    await ensureBuilt();
    const hostPort = await freePort();
    hostUrl = `http://127.0.0.1:${hostPort}`;
    // Duban lets the OA's origin fetch its app (qiankun loads it with fetch) and frame it.
    server = await startServer({ DUBAN_CORS_ORIGINS: hostUrl, DUBAN_FRAME_ANCESTORS: hostUrl });
    const qiankun = readFileSync(join(ROOT, 'node_modules/qiankun/dist/index.umd.min.js'));
    host = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/qiankun.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(qiankun);
      const html = pages.get(path);
      if (!html) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html());
    });
    await new Promise<void>((r) => host.listen(hostPort, '127.0.0.1', r));
  }, 900_000);
  afterAll(async () => {
    await new Promise((r) => host?.close(r));
    await server?.stop();
  });

  it('mounts with the token from the props, opens a task, completes it, and its dialog opens inside the app', async () => {
    const { page } = app;
    // The order is requested; 李明华 (常务副县长) has it to approve.
    const api = apiClient(server.baseUrl);
    const start = await api('fengxl', 'POST', '/api/items', { procedureKey: 'p5-order', title: TITLE, source: 'P5.S3', units: ['zjj', 'jtj'], leadUnit: 'zjj' });
    expect(start.status).toBe(201);
    const todo = await api('fengxl', 'GET', '/api/tasks/todo?pageSize=50');
    const first = todo.body.rows.find((r: { itemId: string }) => r.itemId === start.body.itemId);
    const done = await api('fengxl', 'POST', `/api/tasks/${encodeURIComponent(first.id)}/complete`, {
      data: { title: TITLE, source: 'P5.S3', draftedBy: 'zjj', domain: '城乡建设与交通', background: '城区停车位缺口大', reason: '推进效果不理想' },
    });
    expect(done.status).toBe(200);

    // The OA signs 李明华 in its own way and hands Duban a token for her (here: one it asked Duban for).
    const token = await demoToken(server.baseUrl)('limh');
    pages.set('/', () => hostPage(server.baseUrl, token));
    await page.goto(`${hostUrl}/`);
    await page.locator('#oa-header').waitFor();
    // No login page: the token came with the mount props, and every API call goes to Duban's address.
    await page.locator('#duban-container').getByTestId('workbench').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('李明华');
    expect(await page.locator('#oa-menu').textContent()).toContain('督查督办');

    await openTodo(page, TITLE);
    await waitForStep(page, '向常务副县长请示');
    await fillDate(page, '签批日期', dayjs().format('YYYY-MM-DD'));
    await decide(page, '同意');
    await page.getByTestId('workbench').waitFor();
    expect(await page.getByTestId('todo-item').filter({ hasText: TITLE }).count()).toBe(0);

    // From 已办事项 she opens the step again and starts 撤回: the dialog is rendered inside Duban's container.
    await page.locator('.wb-tabs').getByText('已办事项').click();
    await page.getByTestId('done-item').filter({ hasText: '向常务副县长请示' }).getByRole('link').first().click();
    await waitForStep(page, '向常务副县长请示');
    await page.getByTestId('action-withdraw').click();
    const dialog = page.getByTestId('dialog-withdraw');
    await dialog.waitFor();
    expect(await page.locator('#duban-container').getByTestId('dialog-withdraw').count()).toBe(1);
    expect(await page.locator('body > .ant-modal-root, body > div > .ant-modal-root').count()).toBe(0);
    await dialog.locator('textarea').fill('签批日期需与请示文稿一致，撤回重签。');
    await page.locator('#duban-container .ant-modal').getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'detached' });
    // The step is hers again.
    await openTodo(page, TITLE);
    await waitForStep(page, '向常务副县长请示');
    // The host's page is untouched around the app.
    expect(await page.locator('#oa-header').textContent()).toBe('清河县协同办公平台');
    expect(app.browser.errors).toEqual([]);
  }, 240_000);

  it('runs in an iframe of the OA when frame-ancestors allows the OA’s origin', async () => {
    const { page } = app;
    const res = await fetch(`${server.baseUrl}/`);
    expect(res.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' ${hostUrl}`);
    pages.set('/frame', () => framePage(server.baseUrl));
    // Duban's own page runs under its CSP with nothing refused (its one inline script is allowed by hash).
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    await page.goto(`${hostUrl}/frame`);
    const frame = page.frameLocator('#duban-frame');
    await frame.getByTestId('login-fengxl').click();
    await frame.getByTestId('workbench').waitFor();
    expect(await frame.getByTestId('current-user').textContent()).toContain('冯晓丽');
    expect(refused).toEqual([]);
  }, 120_000);
});
