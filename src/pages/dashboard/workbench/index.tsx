/**
 * 工作台: my to-dos with warning lights and deadlines, counts, what I did and what
 * was copied to me, recent items; leaders find what awaits their approval first.
 * Built from light parts only: this is the page most visits start on.
 */
import { useRequest } from 'ahooks';
import dayjs from 'dayjs';
import React, { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'umi';
import Due from '@/components/Due';
import Light from '@/components/Light';
import { countLights } from '@/components/Light/lights';
import PageTitle from '@/components/PageTitle';
import Panel from '@/components/Panel';
import { useSession } from '@/layouts/session';
import { ITEM_STATUS_LABELS } from '@/locales';
import { reportError } from '@/services/errors';
import TaskList, { Chip, Pager, Rows } from './components/TaskList';
import {
  fetchCopies,
  fetchDone,
  fetchRecentItems,
  fetchTodos,
  markCopyRead,
  PAGE_SIZE,
  TODO_WINDOW,
} from './service';
import './index.less';

/** A count in a tab's label. */
function Count({ n, tone = 'blue' }: { n: number; tone?: 'blue' | 'orange' | 'red' }) {
  return n > 0 ? <span className={`wb-count wb-count-${tone}`}>{n > 999 ? '999+' : n}</span> : null;
}

/** One figure of the row at the top. */
function Figure({ title, value, suffix = '项', tone, loading }: { title: React.ReactNode; value: number; suffix?: string; tone?: string; loading?: boolean }) {
  return (
    <div className={`wb-figure ${tone ? `wb-figure-${tone}` : ''}`}>
      <div className="wb-figure-title">{title}</div>
      <div className="wb-figure-value">
        {loading ? '—' : value}
        <small>{suffix}</small>
      </div>
    </div>
  );
}

/** The 工作台 page. */
export default function Workbench() {
  const { user, access } = useSession();
  const [todoPage, setTodoPage] = useState(1);
  const [donePage, setDonePage] = useState(1);
  const [copyPage, setCopyPage] = useState(1);
  const [params] = useSearchParams();
  const [tab, setTab] = useState(() => params.get('tab') ?? 'todo');
  const onError = { onError: reportError };

  const todos = useRequest(() => fetchTodos(1, TODO_WINDOW), onError);
  const done = useRequest(() => fetchDone(donePage, PAGE_SIZE), { refreshDeps: [donePage], ...onError });
  const copies = useRequest(() => fetchCopies(copyPage, PAGE_SIZE), { refreshDeps: [copyPage], ...onError });
  const recent = useRequest(() => fetchRecentItems(), onError);


  const todoItems = todos.data?.rows ?? [];
  const todoTotal = todos.data?.total ?? 0;
  const counts = useMemo(() => countLights(todoItems, todoTotal, Date.now()), [todoItems, todoTotal]);
  const unread = (copies.data?.rows ?? []).filter((c) => !c.readAt).length;
  const todoTitle = access.isLeader ? '待我审批' : '我的待办';

  const tabs: { key: string; label: React.ReactNode; body: () => React.ReactNode }[] = [
    {
      key: 'todo',
      label: (
        <span>
          {todoTitle} <Count n={todoTotal} />
        </span>
      ),
      body: () => (
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
      ),
    },
    {
      key: 'done',
      label: '已办事项',
      body: () => (
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
          抄送我的 <Count n={unread} tone="red" />
        </span>
      ),
      body: () => (
        <>
          <Rows
            rows={copies.data?.rows ?? []}
            loading={copies.loading}
            empty="暂无抄送"
            render={(c) => (
              <li key={c.id} className="wb-task">
                <div className="wb-task-main">
                  <Light light={c.status === 'running' ? c.light : null} />
                  <div className="wb-task-text">
                    <Link
                      to={`/items/${encodeURIComponent(c.itemId)}`}
                      className={`wb-task-title ${c.readAt ? '' : 'wb-unread'}`}
                      onClick={() => !c.readAt && markCopyRead(c.id).catch(reportError)}
                    >
                      {c.title}
                    </Link>
                    <div className="wb-task-meta">
                      <Chip>{c.procedureName}</Chip>
                      <span>{c.reason}</span>
                      <span className="duban-muted">{dayjs(c.createdAt).format('MM-DD HH:mm')}</span>
                    </div>
                  </div>
                </div>
                <div className="wb-task-side">
                  <Due date={c.status === 'running' ? c.dueDate : null} compact />
                </div>
              </li>
            )}
          />
          <Pager page={copyPage} pageSize={PAGE_SIZE} total={copies.data?.total ?? 0} onPage={setCopyPage} />
        </>
      ),
    },
  ];
  const current = tabs.find((t) => t.key === tab) ?? tabs[0];

  return (
    <div className="wb" data-testid="workbench">
      <PageTitle title="工作台">
        <div className="duban-muted">
          {user?.name}（{user?.title}），您好！今天是 {dayjs().format('YYYY年M月D日 dddd')}
        </div>
      </PageTitle>
      <div className="wb-stats">
        <Figure title={todoTitle} value={todoTotal} loading={todos.loading} />
        <Figure title={<Light light="red" withLabel />} value={counts.red} suffix={counts.truncated ? '项以上' : '项'} tone="red" loading={todos.loading} />
        <Figure title={<Light light="yellow" withLabel />} value={counts.yellow} suffix={counts.truncated ? '项以上' : '项'} tone="yellow" loading={todos.loading} />
        <Figure title="已办事项" value={done.data?.total ?? 0} loading={done.loading} />
      </div>
      <div className="wb-columns">
        <div>
          <Panel className="wb-main">
            <div className="wb-tabs" role="tablist">
              {tabs.map((t) => (
                <button
                  key={t.key}
                  type="button"
                  role="tab"
                  aria-selected={t.key === current.key}
                  className={`wb-tab${t.key === current.key ? ' is-active' : ''}`}
                  onClick={() => setTab(t.key)}
                >
                  {t.label}
                </button>
              ))}
            </div>
            <div className="wb-tab-body" role="tabpanel">
              {current.body()}
            </div>
          </Panel>
        </div>
        <div>
          <Panel title="最近事项" extra={<Link to="/ledger">督查台账</Link>}>
            <Rows
              rows={recent.data?.rows ?? []}
              loading={recent.loading}
              empty="暂无事项"
              render={(it) => (
                <li key={it.id} className="wb-recent" data-testid="recent-item">
                  <div className="wb-recent-title">
                    <Light light={it.status === 'running' ? it.light : null} /> <Link to={`/items/${encodeURIComponent(it.id)}`}>{it.title}</Link>
                  </div>
                  <div className="wb-recent-meta">
                    <Chip>{it.procedureName}</Chip>
                    <span className="duban-muted">
                      {ITEM_STATUS_LABELS[it.status]} · {dayjs(it.updatedAt).format('MM-DD HH:mm')}
                    </span>
                  </div>
                </li>
              )}
            />
          </Panel>
        </div>
      </div>
    </div>
  );
}
