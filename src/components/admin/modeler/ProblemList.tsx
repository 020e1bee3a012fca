/**
 * The problems of the diagram, errors first: each names its element and says in
 * Chinese what is wrong; clicking one selects the element and scrolls it into view.
 * Also marks the elements on the canvas (red for errors, amber for warnings).
 */
import { CheckCircleTwoTone, CloseCircleTwoTone, WarningTwoTone } from '@ant-design/icons';
import { List, Typography } from 'antd';
import React, { useEffect, useRef } from 'react';
import type { Problem } from '@/engine/types';
import { humanizeMessage } from './model/labels';

const MARKERS = { error: 'duban-problem-error', warning: 'duban-problem-warning' } as const;

/** Puts problem markers on the canvas and removes the previous ones. */
export function useProblemMarkers(modeler: any, problems: Problem[]): void {
  const marked = useRef<{ id: string; marker: string }[]>([]);
  useEffect(() => {
    if (!modeler) return;
    const canvas = modeler.get('canvas');
    const registry = modeler.get('elementRegistry');
    for (const m of marked.current) if (registry.get(m.id)) canvas.removeMarker(m.id, m.marker);
    const next: { id: string; marker: string }[] = [];
    const errors = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.elementId));
    for (const p of problems) {
      const marker = errors.has(p.elementId) ? MARKERS.error : MARKERS[p.severity];
      if (!registry.get(p.elementId) || next.some((n) => n.id === p.elementId)) continue;
      // The root (the process itself) has no shape to outline.
      if (registry.get(p.elementId) === canvas.getRootElement()) continue;
      canvas.addMarker(p.elementId, marker);
      next.push({ id: p.elementId, marker });
    }
    marked.current = next;
  }, [modeler, problems]);
}

/** Selects an element of the diagram and scrolls it into view (the process itself: clears the selection). */
export function focusElement(modeler: any, id: string): void {
  const registry = modeler.get('elementRegistry');
  const element = registry.get(id);
  const selection = modeler.get('selection');
  if (!element || element === modeler.get('canvas').getRootElement()) {
    selection.select(null);
    return;
  }
  selection.select(element);
  modeler.get('canvas').scrollToElement(element, { top: 120, bottom: 120, left: 200, right: 200 });
}

/** The list of problems. */
export default function ProblemList({ problems, checking, onSelect }: { problems: Problem[]; checking?: boolean; onSelect: (id: string) => void }) {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return (
    <div className="duban-problems" data-testid="problems">
      <div className="duban-problems-head">
        {problems.length === 0 ? (
          <span>
            <CheckCircleTwoTone twoToneColor="#2f9e44" /> {checking ? '正在检查…' : '检查通过，可以部署'}
          </span>
        ) : (
          <span>
            检查结果：<Typography.Text type={errors ? 'danger' : undefined}>{errors} 个错误</Typography.Text>，{warnings} 个警告
            {errors > 0 && '（有错误时不能部署）'}
          </span>
        )}
      </div>
      {problems.length > 0 && (
        <List
          size="small"
          dataSource={problems}
          renderItem={(p) => (
            <List.Item className="duban-problem" data-element={p.elementId} data-severity={p.severity} onClick={() => onSelect(p.elementId)} role="button" tabIndex={0}>
              {p.severity === 'error' ? <CloseCircleTwoTone twoToneColor="#c92a2a" /> : <WarningTwoTone twoToneColor="#e8a317" />}
              <span className="duban-problem-element">{p.elementName ?? p.elementId}</span>
              <span className="duban-problem-message">{humanizeMessage(p.message)}</span>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
