/** The opinion (办理意见) of a step, with common phrases a leader can tap on a phone. */
import { Input, Space, Tag, Typography } from 'antd';
import React from 'react';

/** Phrases offered under the box. */
const PHRASES = ['同意。', '拟同意，请领导审定。', '请抓紧办理，按期反馈。', '请按要求补充材料后重新报送。', '已阅。'];

/** The opinion box. */
export default function OpinionBox({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) {
  return (
    <div className="task-opinion">
      <Input.TextArea
        rows={4}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        maxLength={2000}
        showCount
        status={error ? 'error' : undefined}
        placeholder="请填写办理意见"
        aria-label="办理意见"
        data-testid="opinion"
      />
      {error && (
        <Typography.Text type="danger" className="task-opinion-error">
          {error}
        </Typography.Text>
      )}
      <Space size={[4, 6]} wrap className="task-phrases">
        <Typography.Text type="secondary">常用语：</Typography.Text>
        {PHRASES.map((p) => (
          <Tag key={p} className="task-phrase" onClick={() => onChange(value ? `${value}${p}` : p)}>
            {p}
          </Tag>
        ))}
      </Space>
    </div>
  );
}
