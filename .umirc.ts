import { defineConfig } from 'umi';

// The web app: Chinese UI served by the Duban server on :8000.
export default defineConfig({
  title: '督办',
  npmClient: 'npm',
  hash: true,
  history: { type: 'hash' },
  mfsu: false,
  // Mountable as a qiankun micro-app in the host OA (and still a page of its own, or in an iframe).
  plugins: ['@umijs/plugins/dist/qiankun'],
  qiankun: { slave: {} },
  // antd 5 needs Chromium 88+ (CSS :where); the OA's browsers (信创 browsers included) are at least that.
  // The libraries need almost nothing newer: polyfill only what is used (Object.hasOwn by the properties
  // panel, and Array at/findLast as cheap insurance). The default, all of core-js, was 105 KB gzip.
  targets: { chrome: 88, firefox: 90, safari: 15 },
  polyfill: { imports: ['core-js/stable/object/has-own', 'core-js/stable/array/at', 'core-js/stable/array/find-last'] },
  jsMinifierOptions: { target: ['chrome88', 'firefox90', 'safari15'] },
  proxy: {
    '/api': { target: 'http://127.0.0.1:8000', changeOrigin: true },
  },
  metas: [{ name: 'viewport', content: 'width=device-width, initial-scale=1, maximum-scale=5' }],
  // Pages are lazy chunks: the 工作台 loads neither the form renderer, the diagram viewer nor the charts.
  routes: [
    { path: '/login', component: 'user/login', layout: false },
    // Single sign-on comes back here with a one-time code (see /sso/<provider>/callback on the server).
    { path: '/sso', component: 'user/sso', layout: false },
    { path: '/', redirect: '/workbench' },
    { path: '/workbench', component: 'dashboard/workbench' },
    // Notifications of extension requests link here.
    { path: '/extensions', redirect: '/workbench?tab=ext' },
    { path: '/start', component: 'items/start' },
    { path: '/tasks/:id', component: 'tasks/detail' },
    { path: '/items/:id', component: 'items/detail' },
    { path: '/ledger', component: 'items/ledger' },
    { path: '/stats', component: 'analysis/stats' },
    { path: '/seals', component: 'seals/register' },
    { path: '/evaluation', component: 'evaluation' },
    { path: '/admin/processes', component: 'admin/processes' },
    { path: '/admin/forms', component: 'admin/forms' },
    { path: '/admin/templates', component: 'admin/templates' },
    { path: '/admin/calendar', component: 'admin/calendar' },
    { path: '/admin/roles', component: 'admin/roles' },
    { path: '/admin/backups', component: 'admin/backups' },
    { path: '/admin/system-log', component: 'admin/system-log' },
    { path: '/*', component: '404' },
  ],
  // `import xml from './x.bpmn?raw'` yields the text, not a URL.
  chainWebpack(memo: any) {
    memo.module.rule('raw-source').resourceQuery(/raw/).type('asset/source');
  },
});
