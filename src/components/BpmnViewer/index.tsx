/**
 * BpmnViewer: shows an item's diagram read-only in the bpmn-js viewer (with pan and
 * zoom) and marks its steps: done, current and overdue. Heavy (bpmn-js): load it lazily.
 */
import { CompressOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Tooltip } from 'antd';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import React, { useEffect, useRef, useState } from 'react';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './index.less';
import { type DiagramMarks, markerOf } from './markers';

export { type DiagramMarks, markerOf } from './markers';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface CanvasLike {
  zoom(level?: number | 'fit-viewport', center?: 'auto'): number;
  addMarker(id: string, marker: string): void;
  viewbox(box?: Box): Box;
}

/** Below this zoom a whole diagram is unreadable: show the current step at a readable size instead. */
const READABLE_ZOOM = 0.6;
/** The zoom a focused step is shown at: its neighbours stay in view. */
const FOCUS_ZOOM = 0.7;

/** Fits the diagram, or when it is too wide to read, centres the step that matters at a readable zoom. */
function frame(canvas: CanvasLike, focus: Box | undefined): void {
  canvas.zoom('fit-viewport', 'auto');
  if (!focus || canvas.zoom() >= READABLE_ZOOM) return;
  canvas.zoom(FOCUS_ZOOM);
  const vb = canvas.viewbox();
  canvas.viewbox({ x: focus.x + focus.width / 2 - vb.width / 2, y: focus.y + focus.height / 2 - vb.height / 2, width: vb.width, height: vb.height });
}

/** The diagram with its legend and zoom buttons. */
export default function BpmnViewer({ xml, marks, height = 460 }: { xml: string; marks: DiagramMarks; height?: number }) {
  const container = useRef<HTMLDivElement>(null);
  const viewer = useRef<NavigatedViewer>();
  const focused = useRef<Box>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!container.current) return;
    const v = new NavigatedViewer({ container: container.current });
    viewer.current = v;
    let cancelled = false;
    v.importXML(xml)
      .then(() => {
        if (cancelled) return;
        const canvas = v.get<CanvasLike>('canvas');
        const registry = v.get<{ get(id: string): Box | undefined }>('elementRegistry');
        for (const id of new Set([...marks.done, ...marks.current, ...marks.overdue])) {
          const marker = markerOf(id, marks);
          if (marker && registry.get(id)) canvas.addMarker(id, marker);
        }
        // The step to look at first: an overdue one, else a current one, else the last one done.
        const focusId = [...marks.overdue, ...marks.current, ...[...marks.done].reverse()].find((id) => registry.get(id));
        focused.current = focusId ? registry.get(focusId) : undefined;
        frame(canvas, focused.current);
      })
      .catch((err: Error) => {
        console.error(err);
        if (!cancelled) setError('流程图无法显示');
      });
    return () => {
      cancelled = true;
      v.destroy();
    };
  }, [xml, marks]);

  const zoom = (factor: number | 'fit') => {
    const canvas = viewer.current?.get<CanvasLike>('canvas');
    if (!canvas) return;
    if (factor === 'fit') canvas.zoom('fit-viewport', 'auto');
    else canvas.zoom(canvas.zoom() * factor, 'auto');
  };

  if (error) return <Alert type="warning" showIcon message={error} />;
  return (
    <div className="duban-diagram" data-testid="diagram">
      <div className="duban-diagram-bar">
        <Space size={16} wrap className="duban-diagram-legend">
          <span>
            <i className="legend legend-done" />
            已办
          </span>
          <span>
            <i className="legend legend-current" />
            当前
          </span>
          <span>
            <i className="legend legend-overdue" />
            超期
          </span>
          <span className="duban-muted">拖动可平移，滚轮可缩放</span>
        </Space>
        <Space size={4}>
          <Tooltip title="放大">
            <Button size="small" icon={<ZoomInOutlined />} onClick={() => zoom(1.2)} aria-label="放大" />
          </Tooltip>
          <Tooltip title="缩小">
            <Button size="small" icon={<ZoomOutOutlined />} onClick={() => zoom(1 / 1.2)} aria-label="缩小" />
          </Tooltip>
          <Tooltip title="显示全图">
            <Button size="small" icon={<CompressOutlined />} onClick={() => zoom('fit')} aria-label="显示全图" />
          </Tooltip>
        </Space>
      </div>
      <div ref={container} className="duban-diagram-canvas" style={{ height }} />
    </div>
  );
}
