/** The title row of a page; also sets the browser tab's title. */
import React, { useEffect } from 'react';

/** A page's heading with optional actions on the right. */
export default function PageTitle({ title, extra, children }: { title: string; extra?: React.ReactNode; children?: React.ReactNode }) {
  useEffect(() => {
    document.title = `${title} - 督查督办平台`;
  }, [title]);
  return (
    <div className="duban-page-title">
      <div>
        <h1>{title}</h1>
        {children}
      </div>
      {extra && <div>{extra}</div>}
    </div>
  );
}
