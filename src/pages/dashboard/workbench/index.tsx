/**
 * 工作台: my to-dos with warning lights and deadlines, counts, what I did and what
 * was copied to me, recent items; leaders (R1–R5) find what awaits their approval first.
 */
import { useRequest } from 'ahooks';
import { Badge, Card, Col, List, Row, Segmented, Skeleton, Statistic, Tag } from 'antd';
import dayjs from 'dayjs';
import React, { Suspense, lazy, useMemo, useState } from 'react';
import { Link } from 'umi';
import Due from '@/components/Due';
import Light from '@/components/Light';
import { countLights } from '@/components/Light/lights';
import PageTitle from '@/components/PageTitle';
import { useSession } from '@/layouts/session';
import { ITEM_STATUS_LABELS } from '@/locales';
import { reportError } from '@/services/errors';
import TaskList, { Pager } from './components/TaskList';
import { fetchCopies, fetchDone, fetchPendingExtensions, fetchRecentItems, fetchTodos, markCopyRead } from './service';
import './index.less';

// Only the 督查室主任 (R7) and the 县政府办主任 (R5) decide extensions: their dialog loads on demand.
const ExtensionDecisions = lazy(() => import('./components/ExtensionDecisions'));

const PAGE_SIZE = 10;
/** To-dos loaded at once, most urgent first; the counts by light are taken from them. */
const TODO_WINDOW = 200;

/** The 工作台 page. */
export default function Workbench() {
  const { user, access } = useSession();
  const [todoPage, setTodoPage] = useState(1);
  const [donePage, setDonePage] = useState(1);
  const [copyPage, setCopyPage] = useState(1);
  const [tab, setTab] = useState('todo');
  const onError = { onError: reportError };

  const todos = useRequest(() => fetchTodos(1, TODO_WINDOW), onError);
  const done = useRequest(() => fetchDone(donePage, PAGE_SIZE), { refreshDeps: [donePage], ...onError });
  const copies = useRequest(() => fetchCopies(copyPage, PAGE_SIZE), { refreshDeps: [copyPage], ...onError });
  const mayDecideExtensions = !!user?.roles.some((r) => r === 'R5' || r === 'R7');
  const extensions = useRequest(fetchPendingExtensions, { ready: mayDecideExtensions, ...onError });
  const recent = useRequest(() => fetchRecentItems(8), onError);

  const todoItems = todos.data?.rows ?? [];
  const todoTotal = todos.data?.total ?? 0;
  const counts = useMemo(() => countLights(todoItems, todoTotal, Date.now()), [todoItems, todoTotal]);
  const pendingExt = extensions.data ?? [];
  const todoTitle = access.isLeader ? '待我审批' : '我的待办';

  const todoList = (
    <>
      <TaskList
        mode="todo"
        tasks={todoItems.slice((todoPage - 1) * PAGE_SIZE, todoPage * PAGE_SIZE)}
        loading={todos.loading}
        total={todoItems.length}
        page={todoPage}
        pageSize={PAGE_SIZE}
        onPage={setTodoPage}
        empty={access.isLeader ? '暂无待审批事项' : '暂无待办事项'}
      />
      {todoTotal > todoItems.length && (
        <div className="duban-muted wb-window-note">
          共 {todoTotal} 项待办，此处列出期限最近的 {todoItems.length} 项；其余可在督查台账中查找。
        </div>
      )}
    </>
  );

  const tabs = [
    {
      key: 'todo',
      label: (
        <span>
          {todoTitle} <Badge count={todoTotal} overflowCount={999} color="#1b4f91" />
        </span>
      ),
      children: todoList,
    },
    mayDecideExtensions
      ? {
          key: 'ext',
          label: (
            <span>
              延期审批 <Badge count={pendingExt.length} color="#e8a317" />
            </span>
          ),
          children: (
            <Suspense fallback={<Skeleton active />}>
              <ExtensionDecisions items={pendingExt} onDecided={extensions.refresh} />
            </Suspense>
          ),
        }
      : null,
    {
      key: 'done',
      label: '已办事项',
      children: (
        <TaskList
          mode="done"
          tasks={done.data?.rows ?? []}
          loading={done.loading}
          total={done.data?.total}
          page={donePage}
          pageSize={PAGE_SIZE}
          onPage={setDonePage}
          empty="暂无已办事项"
        />
      ),
    },
    {
      key: 'copies',
      label: (
        <span>
          抄送我的 <Badge count={(copies.data?.rows ?? []).filter((c) => !c.readAt).length} />
        </span>
      ),
      children: (
        <List
          loading={copies.loading}
          dataSource={copies.data?.rows ?? []}
          locale={{ emptyText: '暂无抄送' }}
          footer={(copies.data?.total ?? 0) > PAGE_SIZE ? <Pager page={copyPage} pageSize={PAGE_SIZE} total={copies.data?.total ?? 0} onPage={setCopyPage} /> : undefined}
          renderItem={(c) => (
            <List.Item extra={<Due date={c.dueDate} compact />}>
              <List.Item.Meta
                avatar={<Light light={c.light} />}
                title={
                  <Link to={`/items/${encodeURIComponent(c.itemId)}`} onClick={() => !c.readAt && markCopyRead(c.id).catch(reportError)}>
                    {!c.readAt && <Badge status="processing" />} {c.title}
                  </Link>
                }
                description={`${c.procedureName} · ${c.reason} · ${dayjs(c.createdAt).format('MM-DD HH:mm')}`}
              />
            </List.Item>
          )}
        />
      ),
    },
  ].filter(Boolean) as { key: string; label: React.ReactNode; children: React.ReactNode }[];
  const current = tabs.find((t) => t.key === tab) ?? tabs[0];

  return (
    <div className="wb" data-testid="workbench">
      <PageTitle title="工作台">
        <div className="duban-muted">
          {user?.name}（{user?.title}），您好！今天是 {dayjs().format('YYYY年M月D日 dddd')}
        </div>
      </PageTitle>
      <Row gutter={[12, 12]} className="wb-stats">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={todoTitle} value={todoTotal} suffix="项" loading={todos.loading} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" className="wb-stat-red">
            <Statistic title={<Light light="red" withLabel />} value={counts.red} suffix={counts.truncated ? '项以上' : '项'} loading={todos.loading} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" className="wb-stat-yellow">
            <Statistic title={<Light light="yellow" withLabel />} value={counts.yellow} suffix={counts.truncated ? '项以上' : '项'} loading={todos.loading} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="已办事项" value={done.data?.total ?? 0} suffix="项" loading={done.loading} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card className="wb-main">
            <Segmented
              className="wb-tabs"
              value={current.key}
              onChange={(k) => setTab(String(k))}
              options={tabs.map((t) => ({ value: t.key, label: t.label }))}
            />
            <div className="wb-tab-body">{current.children}</div>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="最近事项" size="small" extra={<Link to="/ledger">督查台账</Link>}>
            <List
              loading={recent.loading}
              dataSource={recent.data?.rows ?? []}
              locale={{ emptyText: '暂无事项' }}
              renderItem={(it) => (
                <List.Item data-testid="recent-item">
                  <div className="wb-recent">
                    <div className="wb-recent-title">
                      <Light light={it.status === 'running' ? it.light : null} />{' '}
                      <Link to={`/items/${encodeURIComponent(it.id)}`}>{it.title}</Link>
                    </div>
                    <div className="wb-recent-meta">
                      <Tag bordered={false}>{it.procedureName}</Tag>
                      <span className="duban-muted">
                        {ITEM_STATUS_LABELS[it.status]} · {dayjs(it.updatedAt).format('MM-DD HH:mm')}
                      </span>
                    </div>
                  </div>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
