/**
 * Runtime configuration of the web app (umi): the zh_CN antd theme, the session,
 * and the bridge that lets the one error reporter show antd messages.
 */
import { App as AntdApp, ConfigProvider } from 'antd';
import React, { useEffect } from 'react';
import { SessionProvider } from '@/layouts/session';
import { antdLocale } from '@/locales';
import { bindMessageApi } from '@/services/errors';
import './global.less';

/** The government-office look: a sober blue, modest radii, readable sizes. */
export const theme = {
  token: {
    colorPrimary: '#1b4f91',
    colorInfo: '#1b4f91',
    colorSuccess: '#2f9e44',
    colorWarning: '#e8a317',
    colorError: '#c92a2a',
    borderRadius: 4,
    fontSize: 14,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#0f2d52', headerPadding: '0 16px', headerHeight: 56 },
    Menu: { darkItemBg: '#0f2d52', darkSubMenuItemBg: '#0b2443', darkItemSelectedBg: '#1b4f91' },
  },
};

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
