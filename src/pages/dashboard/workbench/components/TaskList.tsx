/** A list of tasks with their warning light, item, step and deadline; works at phone width. */
import dayjs from 'dayjs';
import React from 'react';
import { Link } from 'umi';
import Due from '@/components/Due';
import Light, { lightAt } from '@/components/Light';
import type { TaskSummary } from '@/services/types';

/**
 * A small pager (上一页 / 下一页): antd's Pagination brings Select and Input along,
 * which the 工作台 does not otherwise need.
 */
export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (p: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <div className="wb-pager">
      <span className="duban-muted">
        共 {total} 项，第 {page}/{pages} 页
      </span>
      <button type="button" className="wb-pager-button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        上一页
      </button>
      <button type="button" className="wb-pager-button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        下一页
      </button>
    </div>
  );
}

/** Rows of a list with a loading and an empty state (antd's List would bring Pagination and Select). */
export function Rows<T>({ rows, loading, empty, render }: { rows: T[]; loading?: boolean; empty: string; render: (row: T) => React.ReactNode }) {
  if (loading && rows.length === 0) {
    return (
      <div className="wb-placeholder" role="status" aria-label="正在加载">
        <span />
        <span />
        <span />
      </div>
    );
  }
  if (rows.length === 0) return <div className="wb-empty">{empty}</div>;
  return <ul className="wb-rows">{rows.map(render)}</ul>;
}

/** A small coloured label (antd's Tag look, without its start-up cost). */
export function Chip({ tone, children }: { tone?: 'blue' | 'orange' | 'red' | 'green'; children: React.ReactNode }) {
  return <span className={`wb-chip${tone ? ` wb-chip-${tone}` : ''}`}>{children}</span>;
}

/** Props of TaskList. */
export interface TaskListProps {
  tasks: TaskSummary[];
  loading?: boolean;
  /** To-dos open the task page to act; done tasks open it to read what was submitted (and 撤回 it while still possible). */
  mode: 'todo' | 'done';
  total?: number;
  page?: number;
  pageSize?: number;
  onPage?: (page: number) => void;
  empty?: string;
}

/** To-dos or done tasks. */
export default function TaskList({ tasks, loading, mode, total, page = 1, pageSize = 10, onPage, empty }: TaskListProps) {
  const now = Date.now();
  return (
    <>
      <Rows
        rows={tasks}
        loading={loading}
        empty={empty ?? '暂无事项'}
        render={(t) => {
          const light = mode === 'todo' ? t.light ?? lightAt(now, t.dueAt, t.warnAt) : null;
          const href = `/tasks/${encodeURIComponent(t.id)}`;
          return (
            <li key={t.id} className="wb-task" data-testid={mode === 'todo' ? 'todo-item' : 'done-item'}>
              <div className="wb-task-main">
                {mode === 'todo' && <Light light={light} />}
                <div className="wb-task-text">
                  <Link to={href} className="wb-task-title">
                    {t.itemTitle ?? t.name}
                  </Link>
                  <div className="wb-task-meta">
                    <Chip tone="blue">{t.procedureName}</Chip>
                    <span>环节：{t.name}</span>
                    {t.kind !== 'normal' && <Chip>加签</Chip>}
                    {t.urges > 0 && mode === 'todo' && (
                      <Chip tone="orange">已催办 {t.urges} 次</Chip>
                    )}
                    {t.itemCode && <span className="duban-muted">{t.itemCode}</span>}
                  </div>
                </div>
              </div>
              <div className="wb-task-side">
                {mode === 'todo' ? (
                  <>
                    <Due date={t.dueDate} original={t.originalDueDate} compact />
                    <span className="duban-muted wb-task-when">{dayjs(t.createdAt).format('MM-DD HH:mm')} 送达</span>
                  </>
                ) : (
                  <>
                    {t.outcome && <Chip tone={t.negative ? 'red' : 'green'}>{t.outcome}</Chip>}
                    <span className="duban-muted wb-task-when">{t.completedAt ? dayjs(t.completedAt).format('MM-DD HH:mm') : ''} 办理</span>
                  </>
                )}
              </div>
            </li>
          );
        }}
      />
      {onPage && total !== undefined && <Pager page={page} pageSize={pageSize} total={total} onPage={onPage} />}
    </>
  );
}
