/**
 * Runtime configuration of the web app (umi): the zh_CN antd theme, the session,
 * and the bridge that lets the one error reporter show antd messages.
 */
import { App as AntdApp, ConfigProvider } from 'antd';
import React, { useEffect } from 'react';
import { SessionProvider } from '@/layouts/session';
import { theme } from '@/layouts/theme';
import { antdLocale } from '@/locales';
import { bindMessageApi } from '@/services/errors';
import './global.less';

/** Binds the app-level message API to the error reporter. */
function FeedbackBridge() {
  const { message } = AntdApp.useApp();
  useEffect(() => bindMessageApi(message), [message]);
  return null;
}

/** Wraps the router in the theme, antd's App context and the session. */
export function rootContainer(container: React.ReactNode) {
  return (
    <ConfigProvider locale={antdLocale} theme={theme}>
      <AntdApp>
        <FeedbackBridge />
        <SessionProvider>{container}</SessionProvider>
      </AntdApp>
    </ConfigProvider>
  );
}
