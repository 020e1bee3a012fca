/**
 * 单点登录回到督办: the server's callback sends the browser here with a one-time code; it is exchanged for a
 * session token and the page the link pointed at (a task) opens.
 */
import { Alert, Button, Result, Spin } from 'antd';
import React, { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'umi';
import { useSession } from '@/layouts/session';
import { exchangeSsoCode } from '@/services/auth';
import { errorMessage } from '@/services/errors';

/** Exchanges the code and goes on to the target page. */
export default function SsoLanding() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { adopt } = useSession();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const code = params.get('code');
    if (!code) {
      setError(new Error('缺少登录码，请从 OA 重新进入'));
      return;
    }
    exchangeSsoCode(code)
      .then((r) => {
        adopt(r.token, r.user);
        navigate(r.target || '/workbench', { replace: true });
      })
      .catch(setError);
    // The code works once: exchange it on the first render only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (error) {
    return (
      <Result
        status="warning"
        title="登录未完成"
        subTitle={<Alert type="warning" message={errorMessage(error)} />}
        extra={<Button onClick={() => window.location.assign('/')}>返回首页</Button>}
      />
    );
  }
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 96 }}>
      <Spin tip="正在登录…" size="large">
        <div style={{ width: 200, height: 80 }} />
      </Spin>
    </div>
  );
}
