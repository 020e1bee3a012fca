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
import { getToken, setApiBase, setToken } from '@/services/request';
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

/** What the host OA passes when it mounts Duban as a qiankun micro-app. */
interface MountProps {
  /** A Duban session token for the signed-in person (minted by the host with the shared key, or from SSO). */
  token?: string;
  /** Duban's absolute base URL, e.g. https://duban.qinghe.gov.cn. */
  apiBase?: string;
  container?: HTMLElement;
}

let mountContainer: HTMLElement | undefined;

/** qiankun lifecycles (umi's qiankun plugin): the token and the API base come from the host's mount props. */
export const qiankun = {
  async bootstrap() {},
  async mount(props: MountProps) {
    mountContainer = props.container;
    if (props.apiBase) setApiBase(props.apiBase);
    if (props.token) setToken(props.token);
  },
  async unmount() {
    mountContainer = undefined;
  },
};

/** Inside a host page antd's popups (dialogs, dropdowns, messages) render inside Duban's own container. */
const popupContainer = () => mountContainer ?? document.body;

/**
 * Wraps the router in the theme and the session. antd's <App> (message, modal and
 * notification hooks) is provided by the layout, lazily, for the pages that use it.
 */
export function rootContainer(container: React.ReactNode) {
  return (
    <ConfigProvider locale={antdLocale} theme={theme} getPopupContainer={popupContainer}>
      <FeedbackBridge />
      <SessionProvider>{container}</SessionProvider>
    </ConfigProvider>
  );
}
