/**
 * 表单设计 (the 设计 tab of 表单管理): palette, canvas and properties over the designer's model.
 * Every edit is a new model (undo/redo), written back as the form's JSON for the editor, which
 * deploys it as before. Renaming or deleting a deployed field first lists where it is used.
 */
import { CopyOutlined, DeleteOutlined, EyeOutlined, RedoOutlined, TableOutlined, UndoOutlined } from '@ant-design/icons';
import { DndContext, KeyboardSensor, PointerSensor, useDraggable, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { Alert, App, Button, Card, Col, Input, List, Modal, Row, Space, Tabs, Tooltip, Typography } from 'antd';
import React, { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { lintForm } from '../../../../forms/lint';
import { LINKAGE_KEY, linkageRules } from '../../../../forms/linkage';
import type { FormDefinition, SchemaNode } from '../../../../forms/types';
import { reportError } from '@/services/errors';
import { formUsages, type FieldUsage, type FormStep } from '../../api';
import { CanvasLayout, NodeList, type SortData } from './Canvas';
import { DesignPreview, StepGrid } from './DesignPreview';
import FieldProperties from './FieldProperties';
import { isValidKey, keyFromTitle } from './keys';
import LinkageEditor from './LinkageEditor';
import {
  duplicateNode,
  eachNode,
  findNode,
  fromDefinition,
  insertNode,
  isDataNode,
  locate,
  moveNode,
  newId,
  record,
  redo,
  removeNode,
  startHistory,
  toDefinition,
  topFields,
  undo,
  updateNode,
  updateRoot,
  usedNames,
  type DesignModel,
  type DesignNode,
  type History,
  type Slot,
} from './model';
import { PALETTE, tableColumn, tableFrame } from './palette';
import './index.less';
import { dropReferences, localUsages, renameReferences } from './references';

/** Props of the designer. */
export interface FormDesignerProps {
  definition: FormDefinition;
  /** The deployed version (its field keys are locked), or null for a new form. */
  deployed: FormDefinition | null;
  deployedKey: string | null;
  onChange: (definition: FormDefinition) => void;
}

const text = (def: FormDefinition) => JSON.stringify(def, null, 2);
const WRITTEN_KEPT = 20;

function PaletteButton({ kind, label, onAdd }: { kind: string; label: string; onAdd: (kind: string) => void }) {
  const { attributes, listeners, setNodeRef } = useDraggable({ id: `palette|${kind}` });
  return (
    <Button ref={setNodeRef} block size="small" className="duban-designer-palette-item" data-kind={kind} onClick={() => onAdd(kind)} {...attributes} {...listeners}>
      {label}
    </Button>
  );
}

/** The designer. */
export default function FormDesigner({ definition, deployed, deployedKey, onChange }: FormDesignerProps) {
  const { modal, message } = App.useApp();
  const [history, setHistory] = useState<History>(() => startHistory(fromDefinition(definition)));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [autoKeys, setAutoKeys] = useState<Set<string>>(() => new Set());
  const [usages, setUsages] = useState<{ fields: Record<string, FieldUsage[]>; steps: FormStep[] }>({ fields: {}, steps: [] });
  const [previewOpen, setPreviewOpen] = useState(false);
  const [stepsOpen, setStepsOpen] = useState(false);
  const [tab, setTab] = useState('field');
  // The texts this designer wrote (the newest last): the editor hands them back, maybe late.
  const written = useRef<string[]>([text(definition)]);
  const wrote = (def: FormDefinition) => {
    written.current = [...written.current.slice(-(WRITTEN_KEPT - 1)), text(def)];
  };
  const model = history.present;

  // The JSON changed elsewhere (高级, upload, a version loaded): start again from it.
  useEffect(() => {
    const t = text(definition);
    if (written.current.includes(t)) return;
    written.current = [t];
    setHistory(startHistory(fromDefinition(definition)));
    setSelectedId(null);
  }, [definition]);
  useEffect(() => {
    if (!deployedKey) return;
    formUsages(deployedKey).then(setUsages).catch(reportError);
  }, [deployedKey, deployed]);

  const commit = useCallback(
    (next: DesignModel | ((m: DesignModel) => DesignModel)) => {
      setHistory((h) => {
        const m = typeof next === 'function' ? next(h.present) : next;
        if (m === h.present) return h;
        const def = toDefinition(m);
        wrote(def);
        // Tell the editor after this render (it keeps the text).
        queueMicrotask(() => onChange(def));
        return record(h, m);
      });
    },
    [onChange],
  );
  const travel = (move: (h: History) => History) =>
    setHistory((h) => {
      const next = move(h);
      if (next !== h) {
        const def = toDefinition(next.present);
        wrote(def);
        queueMicrotask(() => onChange(def));
      }
      return next;
    });

  const deployedNames = useMemo(() => {
    const names = new Set<string>();
    if (deployed) eachNode(fromDefinition(deployed).nodes, (n) => isDataNode(n) && names.add(n.name));
    return names;
  }, [deployed]);
  const fields = useMemo(() => topFields(model), [model]);
  const pick = useMemo(() => fields.map((f) => ({ name: f.name, title: f.schema.title ?? f.name })), [fields]);
  const titleOf = useCallback((n: string) => pick.find((f) => f.name === n)?.title ?? n, [pick]);
  const selected = selectedId ? findNode(model, selectedId) : undefined;
  const where = selectedId ? locate(model, selectedId) : undefined;
  // The side panel, the checks and the previews follow a moment after the canvas (deferred renders).
  const panelModel = useDeferredValue(model);
  const panelSelectedId = useDeferredValue(selectedId);
  const panelAutoKeys = useDeferredValue(autoKeys);
  const autoKeysNow = useRef(autoKeys);
  autoKeysNow.current = autoKeys;
  // The node itself is read from the present model, so typing in the panel is not deferred.
  const panelSelected = panelSelectedId ? findNode(model, panelSelectedId) : undefined;
  const panelWhere = panelSelectedId ? locate(model, panelSelectedId) : undefined;
  const currentDef = useMemo(() => toDefinition(panelModel), [panelModel]);
  const problems = useMemo(() => lintForm(currentDef), [currentDef]);

  /** A new node for a palette entry, its key from the entry's base. */
  const make = (m: DesignModel, kind: string): DesignNode | undefined => {
    const item = PALETTE.find((p) => p.kind === kind);
    if (!item) return undefined;
    const node: DesignNode = { id: newId(), name: uniqueIn(m, item.base), schema: item.schema() };
    if (kind === 'grid') node.children = [];
    if (kind === 'table') {
      const frame = tableFrame();
      const first: DesignNode = { id: newId(), name: uniqueIn(m, 'text'), schema: { ...PALETTE[0].schema(), title: '内容' } };
      node.rows = [frame.rows[0], tableColumn(first.name, first), frame.rows[1]];
      node.children = frame.children;
    }
    return node;
  };

  /** Adds a palette entry at a place, or (a click) after the selection / into the selected 分栏 or table. */
  const add = (kind: string, at?: { parentId: string | null; slot: Slot; index: number }) => {
    let target = at;
    if (!target) {
      const sel = selected;
      const loc = where;
      if (sel?.schema['x-component'] === 'FormGrid') target = { parentId: sel.id, slot: 'children', index: sel.children?.length ?? 0 };
      else if (sel?.schema['x-component'] === 'ArrayTable') target = { parentId: sel.id, slot: 'rows', index: Infinity };
      else if (loc && loc.parent?.schema['x-component'] === 'ArrayTable.Column') {
        const table = locate(model, loc.parent.id);
        target = table ? { parentId: table.parent!.id, slot: 'rows', index: table.index + 1 } : undefined;
      } else if (loc && loc.slot === 'children') target = { parentId: loc.parent?.id ?? null, slot: 'children', index: loc.index + 1 };
      else target = { parentId: null, slot: 'children', index: model.nodes.length };
    }
    const t = target!;
    if (t.slot === 'rows' && (kind === 'grid' || kind === 'table')) {
      message.warning('表格的列只能是字段');
      return;
    }
    const node = make(model, kind);
    if (!node) return;
    let placed = node;
    let index = t.index;
    if (t.slot === 'rows') {
      placed = tableColumn(node.name, node);
      const table = findNode(model, t.parentId!);
      const ops = table?.rows?.findIndex((c) => c.name === 'c_operations') ?? -1;
      if (index === Infinity || index > (table?.rows?.length ?? 0)) index = ops >= 0 ? ops : (table?.rows?.length ?? 0);
    }
    commit(insertNode(model, t.parentId, t.slot, index, placed));
    const selectId = t.slot === 'rows' ? placed.children![0].id : node.id;
    setAutoKeys((s) => new Set(s).add(selectId));
    setSelectedId(selectId);
    setTab('field');
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const a = String(active.id);
    const o = String(over.id);
    let parentId: string | null;
    let slot: Slot;
    let index: number;
    if (o.startsWith('drop|')) {
      const [, p, s] = o.split('|');
      parentId = p || null;
      slot = s as Slot;
      const list = parentId ? findNode(model, parentId)?.[slot] : model.nodes;
      index = list?.length ?? 0;
    } else {
      const d = over.data.current as SortData | undefined;
      const loc = locate(model, o);
      if (!d || !loc) return;
      parentId = d.parentId;
      slot = d.slot;
      index = loc.index;
      const from = locate(model, a);
      if (from && (from.parent?.id ?? null) === parentId && from.slot === slot && from.index < index) index += 1;
    }
    if (a.startsWith('palette|')) return add(a.slice('palette|'.length), { parentId, slot, index });
    const from = active.data.current as SortData | undefined;
    // Fields move between the form and its 分栏; a table's columns stay in their table.
    if (!from || from.slot !== slot || (slot === 'rows' && from.parentId !== parentId)) return;
    commit(moveNode(model, a, parentId, slot, index));
  };

  const nudge = useCallback(
    (id: string, delta: number) =>
      commit((m) => {
        const loc = locate(m, id);
        if (!loc) return m;
        const target = delta < 0 ? loc.index - 1 : loc.index + 2;
        if (target < 0) return m;
        return moveNode(m, id, loc.parent?.id ?? null, loc.slot, target);
      }),
    [commit],
  );

  /** The usages of a field as sentences: the server's (deployed processes, documents, data) and the form's own. */
  const usagesOf = (name: string) => [...(usages.fields[name] ?? []).map((u) => u.text), ...localUsages(model, name, titleOf)];

  const showUsages = (name: string, list: string[]) =>
    list.length ? (
      <List size="small" bordered data-testid="field-usages" header={`字段“${titleOf(name)}”（${name}）的使用位置`} dataSource={list} renderItem={(t) => <List.Item>{t}</List.Item>} />
    ) : (
      <Typography.Text type="secondary">未发现使用此字段的地方。</Typography.Text>
    );

  const remove = (id = selectedId) => {
    const node = id ? findNode(model, id) : undefined;
    if (!node) return;
    const loc = locate(model, node.id);
    // A field in a table column goes with its column.
    const target = loc?.parent?.schema['x-component'] === 'ArrayTable.Column' ? loc.parent : node;
    const names: string[] = [];
    eachNode([target], (n) => isDataNode(n) && names.push(n.name));
    const list = names.flatMap(usagesOf);
    modal.confirm({
      title: `删除“${node.schema.title ?? node.name}”`,
      width: 560,
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          {names.map((n) => <div key={n}>{showUsages(n, usagesOf(n))}</div>)}
          {list.length > 0 && <Alert type="warning" showIcon message="删除后上述位置将找不到此字段；引用它的联动规则一并删除，流程中的设置请到流程设计中调整。" />}
        </Space>
      ),
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => {
        commit((m) => names.reduce(dropReferences, removeNode(m, target.id)));
        setSelectedId(null);
      },
    });
  };

  const copy = () => {
    if (!selectedId) return;
    const { model: next, copy: c } = duplicateNode(model, selectedId);
    if (!c) return;
    commit(next);
    setSelectedId(c.id);
  };

  const rename = (node: DesignNode, name: string) => {
    if (name === node.name) return;
    commit((m) => renameReferences(updateNode(m, node.id, (s) => s, name), node.name, name));
    setAutoKeys((s) => {
      const next = new Set(s);
      next.delete(node.id);
      return next;
    });
  };

  const renameLocked = (node: DesignNode) => {
    let value = node.name;
    modal.confirm({
      title: `修改字段“${node.schema.title ?? node.name}”的标识`,
      width: 560,
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          {showUsages(node.name, usagesOf(node.name))}
          <Alert type="warning" showIcon message="修改后，流程字段权限、流转条件和已填数据仍使用原标识，须一并调整；本表单的联动和校验规则会自动改用新标识。" />
          <Input defaultValue={node.name} aria-label="新的字段标识" onChange={(e) => (value = e.target.value.trim())} />
        </Space>
      ),
      okText: '修改标识',
      cancelText: '取消',
      onOk: () => {
        if (!isValidKey(value)) {
          message.error('标识只能含字母、数字和下划线，且不以数字开头');
          return Promise.reject(new Error('invalid key'));
        }
        if (value !== node.name && usedNames(model).has(value)) {
          message.error(`标识“${value}”已被其他字段使用`);
          return Promise.reject(new Error('duplicate key'));
        }
        rename(node, value);
        return undefined;
      },
    });
  };

  const changeSelected = (change: (s: SchemaNode) => SchemaNode, title?: string) => {
    if (!panelSelected) return;
    const id = panelSelected.id;
    commit((m) => {
      let next = updateNode(m, id, change);
      const loc = locate(next, id);
      // A table column shows its field's title.
      if (title !== undefined && loc?.parent?.schema['x-component'] === 'ArrayTable.Column') {
        next = updateNode(next, loc.parent.id, (c) => ({ ...c, 'x-component-props': { ...(c['x-component-props'] as object), title } }));
      }
      if (title !== undefined && autoKeysNow.current.has(id)) {
        const node = findNode(next, id)!;
        const base = keyFromTitle(title);
        if (base) {
          const name = uniqueIn(next, base, node.name);
          if (name !== node.name) next = renameReferences(updateNode(next, id, (s) => s, name), node.name, name);
        }
      }
      return next;
    });
  };

  const keyError = (() => {
    if (!panelSelected) return undefined;
    if (!isValidKey(panelSelected.name)) return '标识只能含字母、数字和下划线，且不以数字开头';
    let count = 0;
    eachNode(model.nodes, (n) => n.name === panelSelected.name && count++);
    return count > 1 ? `标识“${panelSelected.name}”已被其他字段使用` : undefined;
  })();

  const onKeyDown = (e: React.KeyboardEvent) => {
    const typing = (e.target as HTMLElement).closest('input, textarea, [contenteditable="true"], .ant-select');
    if (typing) return;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === 'z' && !e.shiftKey) travel(undo);
    else if (mod && (e.key.toLowerCase() === 'y' || (e.key.toLowerCase() === 'z' && e.shiftKey))) travel(redo);
    else if (mod && e.key.toLowerCase() === 'd') copy();
    else if (e.key === 'Delete' && selectedId) remove();
    else return;
    e.preventDefault();
  };

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const gridColumns =
    panelWhere?.parent?.schema['x-component'] === 'FormGrid' ? Number((panelWhere.parent.schema['x-component-props'] as Record<string, unknown> | undefined)?.maxColumns ?? 2) : undefined;
  const rules = useMemo(() => linkageRules(panelModel.root), [panelModel.root]);
  const panelFields = useMemo(() => topFields(panelModel), [panelModel]);
  const panelPick = useMemo(() => panelFields.map((f) => ({ name: f.name, title: f.schema.title ?? f.name })), [panelFields]);

  // Memoised on the deferred values: an urgent render (the canvas) reuses it as it is.
  const panel = useMemo(
    () => (
      <Tabs
        size="small"
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'field',
            label: '字段属性',
            children:
              panelSelected && isDataNode(panelSelected) ? (
                <FieldProperties
                  key={panelSelected.id}
                  node={panelSelected}
                  locked={deployedNames.has(panelSelected.name) && !panelAutoKeys.has(panelSelected.id)}
                  gridColumns={gridColumns}
                  fields={panelPick}
                  onChange={changeSelected}
                  onRename={(name) => rename(panelSelected, name)}
                  onRenameLocked={() => renameLocked(panelSelected)}
                  keyError={keyError}
                />
              ) : panelSelected ? (
                <Typography.Text type="secondary">已选中{panelSelected.schema['x-component'] === 'FormGrid' ? '分栏：点选组件加入此分栏，或把字段拖进来' : '布局元素'}。</Typography.Text>
              ) : (
                <Typography.Text type="secondary">在画布上点选一个字段。</Typography.Text>
              ),
          },
          {
            key: 'linkage',
            label: `联动规则（${rules.length}）`,
            children: (
              <LinkageEditor
                rules={rules}
                fields={panelFields}
                onChange={(next) =>
                  commit((m) =>
                    updateRoot(m, (root) => {
                      const r: SchemaNode = { ...root, [LINKAGE_KEY]: next };
                      if (next.length === 0) delete r[LINKAGE_KEY];
                      return r;
                    }),
                  )
                }
              />
            ),
          },
        ]}
      />
    ),
    [panelSelected, rules, tab, panelAutoKeys, deployedNames, usages, gridColumns, keyError, panelFields, panelPick],
  );

  return (
    <div className="duban-form-designer" data-testid="form-designer" onKeyDown={onKeyDown}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Tooltip title="撤销（Ctrl+Z）">
          <Button icon={<UndoOutlined />} disabled={!history.past.length} onClick={() => travel(undo)} aria-label="撤销">撤销</Button>
        </Tooltip>
        <Tooltip title="重做（Ctrl+Y）">
          <Button icon={<RedoOutlined />} disabled={!history.future.length} onClick={() => travel(redo)} aria-label="重做">重做</Button>
        </Tooltip>
        <Button icon={<CopyOutlined />} disabled={!selected} onClick={copy}>复制</Button>
        <Button icon={<DeleteOutlined />} danger disabled={!selected} onClick={() => remove()}>删除</Button>
        <Button icon={<EyeOutlined />} onClick={() => setPreviewOpen(true)}>预览</Button>
        <Button icon={<TableOutlined />} onClick={() => setStepsOpen(true)}>环节权限</Button>
        <Typography.Text type="secondary">选中后 Alt+↑/↓ 移动；拖动手柄也可用空格和方向键</Typography.Text>
      </Space>
      {problems.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 8 }} message={`表单有 ${problems.length} 个问题，修正后才能部署`} description={problems.slice(0, 5).map((p) => <div key={`${p.rule}${p.field}${p.message}`}>{p.message}</div>)} />
      )}
      <DndContext sensors={sensors} onDragEnd={onDragEnd}>
        <Row gutter={12}>
          <Col xs={24} md={4}>
            <Card size="small" title="组件" className="duban-designer-palette" data-testid="designer-palette">
              <Space direction="vertical" style={{ width: '100%' }} size={4}>
                {PALETTE.map((p) => (
                  <PaletteButton key={p.kind} kind={p.kind} label={p.label} onAdd={add} />
                ))}
              </Space>
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title={`画布：${model.definition.name}`} className="duban-designer-canvas" data-testid="designer-canvas" onClick={() => setSelectedId(null)}>
              <CanvasLayout>
                <NodeList nodes={model.nodes} parentId={null} selectedId={selectedId} onSelect={setSelectedId} onNudge={nudge} />
              </CanvasLayout>
            </Card>
          </Col>
          <Col xs={24} md={8}>
            <Card size="small" className="duban-designer-side">
              {/* Until the panel has caught up with a new selection it takes no input (it still shows the previous field). */}
              <div className={panelSelectedId === selectedId ? undefined : 'duban-designer-stale'} aria-busy={panelSelectedId !== selectedId}>
                {panel}
              </div>
            </Card>
          </Col>
        </Row>
      </DndContext>
      <DesignPreview open={previewOpen} onClose={() => setPreviewOpen(false)} definition={currentDef} steps={usages.steps} />
      <Modal title="各环节的字段权限" open={stepsOpen} onCancel={() => setStepsOpen(false)} footer={null} width={960}>
        <StepGrid definition={currentDef} steps={usages.steps} />
      </Modal>
    </div>
  );
}

/** A key for a node: `base` (or `base2`…) unless the node already has it. */
function uniqueIn(model: DesignModel, base: string, own?: string): string {
  if (base === own) return base;
  const used = usedNames(model);
  if (own) used.delete(own);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}${i}`)) return `${base}${i}`;
}

