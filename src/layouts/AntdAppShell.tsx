/** antd's <App> (message, modal and notification hooks for `App.useApp()`), loaded only by the pages that use it. */
import { App } from 'antd';
import React from 'react';

/** Provides antd's App context to its children. */
export default function AntdAppShell({ children }: { children: React.ReactNode }) {
  return <App component={false}>{children}</App>;
}
