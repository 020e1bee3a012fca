/** The antd theme of the web app. */

/** The government-office look: a sober blue, modest radii, readable sizes. */
export const theme = {
  token: {
    colorPrimary: '#1b4f91',
    colorInfo: '#2f6fde',
    colorSuccess: '#2f9e44',
    colorWarning: '#e8a317',
    colorError: '#c92a2a',
    borderRadius: 4,
    fontSize: 14,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
};
