/**
 * A plain card (title, optional link on the right, body) for the pages that must load
 * fast: antd's Card imports Tabs, which the 工作台 would otherwise load for nothing.
 */
import React from 'react';
import './index.less';

/** A bordered white panel. */
export default function Panel({ title, extra, children, className }: { title?: React.ReactNode; extra?: React.ReactNode; children: React.ReactNode; className?: string }) {
  return (
    <section className={`duban-panel ${className ?? ''}`}>
      {(title || extra) && (
        <header className="duban-panel-head">
          <h2>{title}</h2>
          {extra}
        </header>
      )}
      <div className="duban-panel-body">{children}</div>
    </section>
  );
}
