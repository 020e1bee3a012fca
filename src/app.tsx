/**
 * Runtime configuration of the web app (umi): the zh_CN antd theme, the session,
 * and the bridge that lets the one error reporter show antd messages.
 */
import { ConfigProvider, message } from 'antd';
import React, { useEffect } from 'react';
import { SessionProvider } from '@/layouts/session';
import { theme } from '@/layouts/theme';
import { antdLocale } from '@/locales';
import { prefetchWorkbench } from '@/pages/dashboard/workbench/service';
import { bindMessageApi } from '@/services/errors';
import { getToken } from '@/services/request';
import './global.less';

// Most visits start on the 工作台: with hash routing umi cannot preload its chunks from the address,
// so its code and its first data are requested here, while the rest of the app is still starting.
if (getToken() && /^(#\/?(workbench)?)?$/.test(window.location.hash)) {
  void import(/* webpackChunkName: "p__dashboard__workbench__index" */ '@/pages/dashboard/workbench/index');
  prefetchWorkbench();
}

/** Binds a message API living inside the theme to the error reporter. */
function FeedbackBridge() {
  const [api, holder] = message.useMessage();
  useEffect(() => bindMessageApi(api), [api]);
  return holder;
}

/**
 * Wraps the router in the theme and the session. antd's <App> (message, modal and
 * notification hooks) is provided by the layout, lazily, for the pages that use it.
 */
export function rootContainer(container: React.ReactNode) {
  return (
    <ConfigProvider locale={antdLocale} theme={theme}>
      <FeedbackBridge />
      <SessionProvider>{container}</SessionProvider>
    </ConfigProvider>
  );
}
