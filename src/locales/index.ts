/**
 * Locale set-up of the web app: antd's zh_CN for ConfigProvider and dayjs in zh-cn.
 * Formily's zh-CN validation messages are installed by the form renderer (it is lazy-loaded).
 */
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

dayjs.locale('zh-cn');

/** The antd locale of the whole app. */
export const antdLocale = zhCN;

export * from './zh-CN';
