import { defineConfig } from 'umi';

// The web app: Chinese UI served by the Duban server on :8000.
export default defineConfig({
  title: '督办',
  npmClient: 'npm',
  hash: true,
  history: { type: 'hash' },
  mfsu: false,
  proxy: {
    '/api': { target: 'http://127.0.0.1:8000', changeOrigin: true },
  },
});
