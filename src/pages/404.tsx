/** 页面不存在: any unknown address. */
import { Button, Result } from 'antd';
import React from 'react';
import { useNavigate } from 'umi';

/** The not-found page. */
export default function NotFound() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在或已被移除。"
      extra={
        <Button type="primary" onClick={() => navigate('/workbench')}>
          返回工作台
        </Button>
      }
    />
  );
}
