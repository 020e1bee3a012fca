/**
 * Runtime configuration of the web app (umi): the zh_CN antd theme, the session,
 * and the bridge that lets the one error reporter show antd messages.
 */
import { ConfigProvider, message } from 'antd';
import React, { useEffect } from 'react';
import { SessionProvider } from '@/layouts/session';
import { theme } from '@/layouts/theme';
import { antdLocale } from '@/locales';
import { bindMessageApi } from '@/services/errors';
import './global.less';

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
