/**
 * The designer's canvas: every node rendered by the real form renderer, with a selection
 * outline; nodes reorder by drag and drop (and the keyboard: space to lift, arrows, space to
 * drop), fields drop into 分栏 columns, and a table's columns reorder in the strip under it.
 */
import { HolderOutlined } from '@ant-design/icons';
import { useDroppable } from '@dnd-kit/core';
import { horizontalListSortingStrategy, rectSortingStrategy, SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { createForm } from '@formily/core';
import { FormLayout } from '@formily/antd-v5';
import { Empty, Tag, Typography } from 'antd';
import React, { memo, useMemo } from 'react';
import FormRenderer from '@/components/FormRenderer';
import PreviewBoundary from '../PreviewBoundary';
import { isDataNode, writeNode, type DesignNode, type Slot } from './model';
import { componentLabel } from './palette';

/** The id of the drop area of a list: `drop|<parent id or empty>|<slot>`. */
export const dropId = (parentId: string | null, slot: Slot) => `drop|${parentId ?? ''}|${slot}`;

/** What a sortable node tells the drop handler about where it is. */
export interface SortData {
  parentId: string | null;
  slot: Slot;
}

interface ItemProps {
  node: DesignNode;
  parentId: string | null;
  /** The column count of the 分栏 the node is in, if any. */
  gridColumns?: number;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onNudge: (id: string, delta: number) => void;
}

const isGrid = (n: DesignNode) => n.schema['x-component'] === 'FormGrid';
const isTable = (n: DesignNode) => n.schema['x-component'] === 'ArrayTable';

/** A node rendered alone by the form renderer (inputs are not live on the canvas). */
const FieldPreview = memo(function FieldPreview({ node }: { node: DesignNode }) {
  const schema = useMemo(() => ({ type: 'object', properties: { [node.name]: writeNode(node) } }), [node]);
  const form = useMemo(() => createForm(), [schema]);
  return (
    <PreviewBoundary resetKey={schema}>
      <FormRenderer form={form} schema={schema} bare />
    </PreviewBoundary>
  );
});

function DropArea({ id, children, className, style }: { id: string; children: React.ReactNode; className?: string; style?: React.CSSProperties }) {
  const { setNodeRef, isOver } = useDroppable({ id });
  return (
    <div ref={setNodeRef} className={`${className ?? ''}${isOver ? ' over' : ''}`} style={style} data-drop={id}>
      {children}
    </div>
  );
}

/** The columns of a table as chips that reorder by dragging; a chip selects its field. */
function ColumnStrip({ table, selectedId, onSelect }: { table: DesignNode; selectedId: string | null; onSelect: (id: string) => void }) {
  const columns = table.rows ?? [];
  return (
    <DropArea id={dropId(table.id, 'rows')} className="duban-designer-columns">
      <Typography.Text type="secondary">表格列：</Typography.Text>
      <SortableContext items={columns.map((c) => c.id)} strategy={horizontalListSortingStrategy}>
        {columns.map((c) => (
          <ColumnChip key={c.id} column={c} tableId={table.id} selectedId={selectedId} onSelect={onSelect} />
        ))}
      </SortableContext>
    </DropArea>
  );
}

function ColumnChip({ column, tableId, selectedId, onSelect }: { column: DesignNode; tableId: string; selectedId: string | null; onSelect: (id: string) => void }) {
  const data: SortData = { parentId: tableId, slot: 'rows' };
  const { attributes, listeners, setNodeRef, transform, transition } = useSortable({ id: column.id, data });
  const inner = column.children?.find(isDataNode);
  const target = inner ?? column;
  const title = String((column.schema['x-component-props'] as Record<string, unknown> | undefined)?.title ?? inner?.schema.title ?? column.name);
  return (
    <span ref={setNodeRef} style={{ transform: CSS.Translate.toString(transform), transition }} {...attributes} {...listeners}>
      <Tag
        color={selectedId === target.id || selectedId === column.id ? 'blue' : undefined}
        className="duban-designer-column"
        data-column={column.name}
        onClick={(e) => {
          e.stopPropagation();
          onSelect(target.id);
        }}
      >
        {title}
      </Tag>
    </span>
  );
}

interface ContentProps {
  node: DesignNode;
  label: string;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onNudge: (id: string, delta: number) => void;
  handleRef: (element: HTMLElement | null) => void;
  attributes: ReturnType<typeof useSortable>['attributes'];
  listeners: ReturnType<typeof useSortable>['listeners'];
}

/** What an item shows; apart from its sortable shell, so a change of the list re-renders only the shells. */
const ItemContent = memo(function ItemContent({ node, label, selectedId, onSelect, onNudge, handleRef, attributes, listeners }: ContentProps) {
  return (
    <>
      <div className="duban-designer-item-bar">
        <span ref={handleRef} className="duban-designer-handle" {...attributes} {...listeners} aria-label={`拖动“${label}”`}>
          <HolderOutlined />
        </span>
        <span className="duban-designer-item-kind">
          {componentLabel(node.schema)} · {node.name}
        </span>
      </div>
      {isGrid(node) ? (
        <NodeList nodes={node.children ?? []} parentId={node.id} grid={Number((node.schema['x-component-props'] as Record<string, unknown> | undefined)?.maxColumns ?? 2)} selectedId={selectedId} onSelect={onSelect} onNudge={onNudge} />
      ) : (
        <div className="duban-designer-item-body">
          <FieldPreview node={node} />
        </div>
      )}
      {isTable(node) && <ColumnStrip table={node} selectedId={selectedId} onSelect={onSelect} />}
    </>
  );
});

/** One node on the canvas: a field, a 分栏 with its own list, or a table with its column strip. */
export const CanvasItem = memo(function CanvasItem({ node, parentId, gridColumns, selectedId, onSelect, onNudge }: ItemProps) {
  const data: SortData = { parentId, slot: 'children' };
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: node.id, data });
  const span = Number((node.schema['x-decorator-props'] as Record<string, unknown> | undefined)?.gridSpan ?? 1);
  const style: React.CSSProperties = {
    transform: CSS.Translate.toString(transform),
    transition,
    opacity: isDragging ? 0.5 : 1,
    gridColumn: gridColumns ? `span ${Math.min(Math.max(span, 1), gridColumns)}` : undefined,
  };
  const selected = selectedId === node.id;
  const label = isDataNode(node) ? `${node.schema.title ?? node.name}` : isGrid(node) ? '分栏' : componentLabel(node.schema);
  return (
    <div
      ref={setNodeRef}
      style={style}
      className={`duban-designer-item${selected ? ' selected' : ''}`}
      data-node={node.name}
      tabIndex={0}
      aria-label={`${componentLabel(node.schema)}：${label}`}
      onClick={(e) => {
        e.stopPropagation();
        onSelect(node.id);
      }}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget || !e.altKey) return;
        if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
          e.preventDefault();
          onNudge(node.id, e.key === 'ArrowUp' ? -1 : 1);
        }
      }}
    >
      <ItemContent node={node} label={label} selectedId={selectedId} onSelect={onSelect} onNudge={onNudge} handleRef={setActivatorNodeRef} attributes={attributes} listeners={listeners} />
    </div>
  );
});

/** The one form layout of the canvas (labels above the fields), shared by every node's small form. */
export function CanvasLayout({ children }: { children: React.ReactNode }) {
  return (
    <FormLayout className="duban-form" layout="vertical" feedbackLayout="loose">
      {children}
    </FormLayout>
  );
}

/** A sortable list of nodes (the form, or the inside of a 分栏). */
export function NodeList({ nodes, parentId, grid, selectedId, onSelect, onNudge }: { nodes: DesignNode[]; parentId: string | null; grid?: number; selectedId: string | null; onSelect: (id: string) => void; onNudge: (id: string, delta: number) => void }) {
  return (
    <DropArea
      id={dropId(parentId, 'children')}
      className={grid ? 'duban-designer-grid' : 'duban-designer-list'}
      style={grid ? { gridTemplateColumns: `repeat(${grid}, minmax(0, 1fr))` } : undefined}
    >
      <SortableContext items={nodes.map((n) => n.id)} strategy={grid ? rectSortingStrategy : verticalListSortingStrategy}>
        {nodes.map((n) => (
          // Only containers need the selection below them: a field re-renders when its own selection changes.
          <CanvasItem key={n.id} node={n} parentId={parentId} gridColumns={grid} selectedId={n.children || n.rows ? selectedId : selectedId === n.id ? n.id : null} onSelect={onSelect} onNudge={onNudge} />
        ))}
      </SortableContext>
      {nodes.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={grid ? '把字段拖到这里' : '从左侧点选或拖入组件'} />}
    </DropArea>
  );
}
