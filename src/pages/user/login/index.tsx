/**
 * 登录: the demo login of the standalone deployment, listing the people of the
 * county grouped by office and unit; inside a host OA the host's login is used instead.
 */
import { SearchOutlined } from '@ant-design/icons';
import { useRequest } from 'ahooks';
import { Alert, Card, Col, Empty, Input, Row, Skeleton, Tag, Typography } from 'antd';
import React, { useEffect, useMemo, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'umi';
import { useSession } from '@/layouts/session';
import { fetchAuthConfig, fetchDemoUsers, type DemoUser } from '@/services/auth';
import { apiUrl } from '@/services/request';
import { errorMessage, reportError } from '@/services/errors';
import { groupPeople, matches } from './service';
import './index.less';

function PersonCard({ user, busy, onPick }: { user: DemoUser; busy: boolean; onPick: (u: DemoUser) => void }) {
  return (
    <Card
      hoverable
      size="small"
      className="login-person"
      data-testid={`login-${user.id}`}
      onClick={() => !busy && onPick(user)}
      loading={busy}
    >
      <div className="login-person-head">
        <span className="login-person-avatar">{user.name.slice(-2)}</span>
        <div>
          <div className="login-person-name">{user.name}</div>
          <div className="login-person-title">
            {user.unitName} · {user.title}
          </div>
        </div>
      </div>
      <div className="login-person-roles">
        {user.roleNames.map((r) => (
          <Tag key={r} bordered={false} color="blue">
            {r}
          </Tag>
        ))}
      </div>
    </Card>
  );
}

/** The login page. */
export default function LoginPage() {
  const { user, login } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [text, setText] = useState('');
  const [busyId, setBusyId] = useState<string>();
  const { data, loading, error } = useRequest(fetchDemoUsers);
  const groups = useMemo(() => groupPeople((data ?? []).filter((u) => matches(u, text))), [data, text]);
  const redirect = params.get('redirect') || '/workbench';
  const { data: config } = useRequest(fetchAuthConfig);
  // With the host's single sign-on there is no demo list: the browser goes to the host's login.
  useEffect(() => {
    if (!user && config && config.sso.length) window.location.assign(apiUrl(`/sso/${config.sso[0]}?target=${encodeURIComponent(redirect)}`));
  }, [config, user, redirect]);

  if (user) return <Navigate to={redirect} replace />;
  if (config && config.sso.length) return <Skeleton active className="login-page" />;

  const pick = async (u: DemoUser) => {
    setBusyId(u.id);
    try {
      await login(u.id);
      navigate(redirect, { replace: true });
    } catch (err) {
      reportError(err);
    } finally {
      setBusyId(undefined);
    }
  };

  return (
    <div className="login-page">
      <header className="login-banner">
        <span className="login-emblem">督</span>
        <div>
          <h1>清河县督查督办平台</h1>
          <p>县政府督查工作制度 · 决策督查 · 专项查办 · 督查调研 · 绩效评估 · 县长督办令 · 常务会议议定事项督办</p>
        </div>
      </header>
      <main className="login-main">
        <div className="login-intro">
          <Typography.Title level={4} style={{ margin: 0 }}>
            选择登录人员
          </Typography.Title>
          <Typography.Text type="secondary">演示环境：点选下列人员即以其身份登录；接入单位 OA 后使用 OA 统一身份认证。</Typography.Text>
          <Input
            allowClear
            size="large"
            prefix={<SearchOutlined />}
            placeholder="按姓名、单位、职务或角色查找"
            value={text}
            onChange={(e) => setText(e.target.value)}
            className="login-search"
          />
        </div>
        {error && <Alert type="error" showIcon message={errorMessage(error)} />}
        {loading && <Skeleton active paragraph={{ rows: 6 }} />}
        {!loading && !error && groups.length === 0 && <Empty description="没有找到匹配的人员" />}
        {groups.map((g) => (
          <section key={g.key} className="login-group">
            <h2>
              {g.title}
              <span>{g.people.length} 人</span>
            </h2>
            <Row gutter={[12, 12]}>
              {g.people.map((u) => (
                <Col key={u.id} xs={24} sm={12} lg={8} xl={6}>
                  <PersonCard user={u} busy={busyId === u.id} onPick={pick} />
                </Col>
              ))}
            </Row>
          </section>
        ))}
      </main>
      <footer className="login-footer">清河县人民政府办公室 · 县政府督查室</footer>
    </div>
  );
}
