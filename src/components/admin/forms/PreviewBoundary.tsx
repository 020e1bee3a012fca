/** Keeps a broken schema from taking the page down: the preview shows a message instead, and recovers when the text changes. */
import { Alert } from 'antd';
import React from 'react';

interface State {
  error: string | null;
  key: unknown;
}

/** An error boundary around the form preview. */
export default class PreviewBoundary extends React.Component<{ resetKey: unknown; children: React.ReactNode }, State> {
  state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(err: Error): Partial<State> {
    return { error: err.message };
  }

  static getDerivedStateFromProps(props: { resetKey: unknown }, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  render() {
    if (this.state.error) return <Alert type="error" showIcon message="预览失败：表单结构无法渲染" description={this.state.error} />;
    return this.props.children;
  }
}
