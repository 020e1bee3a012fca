/**
 * 流程设计: the bpmn-js modeler in Chinese with the Duban properties panel, live
 * checks (lint on the canvas and a problem list), simulation on the real calendar,
 * versions, .bpmn download and upload, and deploy (refused while errors remain).
 * Heavy (bpmn-js): the processes page loads it lazily.
 */
import {
  ArrowLeftOutlined,
  CloudUploadOutlined,
  DownloadOutlined,
  ExperimentOutlined,
  HistoryOutlined,
  RedoOutlined,
  SafetyCertificateOutlined,
  UndoOutlined,
  ExpandOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Drawer, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parseDefinition } from '@/engine/definition';
import type { Problem } from '@/engine/types';
import { listFields } from '@/forms/fields';
import { fetchPeople, fetchRoles, fetchUnits } from '@/services/directory';
import { ApiError } from '@/services/request';
import { reportError } from '@/services/errors';
import { deployDefinition, downloadText, getDefinition, getForm, listDefinitions, listForms, listVersions } from '../api';
import { createModeler } from './createModeler';
import { DesignerContext, type DesignerData, type DiagramElement, type FormField } from './panel/context';
import PropertiesPanel from './panel/PropertiesPanel';
import ProblemList, { focusElement, useProblemMarkers } from './ProblemList';
import SimulationPanel from './simulation/SimulationPanel';
import VersionsPanel from './VersionsPanel';
import UploadTextButton from '../UploadTextButton';
import ImportAssistant from './ImportAssistant';
import { decodeDiagram } from '@/engine/definition/encoding';
import { readDefinitions } from '@/engine/definition/read';
import { layoutProcess } from 'bpmn-auto-layout';
import './designer.less';

/** Props of the designer. */
export interface ProcessDesignerProps {
  /** The deployed process to edit (its latest version), or null with `initialXml` for a new or uploaded one. */
  processKey: string | null;
  initialXml?: string;
  onBack: () => void;
  /** Called after a successful deploy with the deployed key. */
  onDeployed?: (key: string) => void;
}

const CHECK_DELAY_MS = 400;

/** Fit the diagram; a very wide one is shown readable from its start instead of tiny. */
function initialZoom(m: any): void {
  const canvas = m.get('canvas');
  canvas.zoom('fit-viewport', 'auto');
  if (canvas.zoom() >= 0.6) return;
  const { inner, outer } = canvas.viewbox();
  const scale = 0.8;
  canvas.viewbox({ x: inner.x - 60, y: inner.y - 80, width: outer.width / scale, height: outer.height / scale });
}

/** The whole designer screen. */
export default function ProcessDesigner({ processKey, initialXml, onBack, onDeployed }: ProcessDesignerProps) {
  const { message, modal } = App.useApp();
  const container = useRef<HTMLDivElement>(null);
  const [modeler, setModeler] = useState<any>();
  const [data, setData] = useState<Omit<DesignerData, 'modeler' | 'isNew'>>();
  const [loadError, setLoadError] = useState<string>();
  const [selected, setSelected] = useState<DiagramElement | null>(null);
  const [version, setVersion] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [loadedVersion, setLoadedVersion] = useState<number>();
  const [deployedKeys, setDeployedKeys] = useState<string[]>([]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const [checking, setChecking] = useState(false);
  const [drawer, setDrawer] = useState<'simulate' | 'versions' | null>(null);
  const [deploying, setDeploying] = useState(false);
  const [versionsRefresh, setVersionsRefresh] = useState(0);
  const [key, setKey] = useState<string | null>(processKey);
  const checkTimer = useRef<ReturnType<typeof setTimeout>>();
  const formKeysRef = useRef<string[]>([]);

  // The directory, forms and processes to pick from.
  useEffect(() => {
    let live = true;
    Promise.all([fetchRoles(), fetchUnits(), fetchPeople(), listForms(), listDefinitions()])
      .then(([roles, units, people, forms, definitions]) => {
        if (!live) return;
        formKeysRef.current = forms.map((f) => f.key);
        setDeployedKeys(definitions.map((d) => d.key));
        const fieldCache = new Map<string, Promise<FormField[]>>();
        setData({
          directory: { roles, units, people },
          forms,
          definitions,
          formFields(k: string) {
            if (!fieldCache.has(k)) {
              const p = getForm(k).then((def) =>
                listFields(def.schema).map((f) => ({
                  name: f.name,
                  title: f.title,
                  type: f.type,
                  component: f.component,
                  enum: Array.isArray(f.node.enum) ? f.node.enum.map((e: any) => (typeof e === 'object' ? e : { label: String(e), value: e })) : undefined,
                })),
              );
              p.catch(() => fieldCache.delete(k));
              fieldCache.set(k, p);
            }
            return fieldCache.get(k)!;
          },
        });
      })
      .catch((err) => {
        if (live) setLoadError('载入通讯录或表单失败，请刷新重试');
        reportError(err);
      });
    return () => {
      live = false;
    };
  }, []);

  const runCheck = useCallback(async (m = modeler): Promise<Problem[]> => {
    if (!m) return [];
    setChecking(true);
    try {
      const { xml } = await m.saveXML({ format: true });
      const { problems: found } = await parseDefinition(xml, { formKeys: formKeysRef.current });
      setProblems(found);
      return found;
    } finally {
      setChecking(false);
    }
  }, [modeler]);

  // The modeler, once the pick lists are there (lint needs the form keys).
  useEffect(() => {
    if (!data || !container.current) return;
    const m: any = createModeler(container.current, formKeysRef.current);
    let live = true;
    const root = () => m.get('canvas').getRootElement() as DiagramElement;
    const schedule = () => {
      clearTimeout(checkTimer.current);
      checkTimer.current = setTimeout(() => void runCheckOn(m), CHECK_DELAY_MS);
    };
    const runCheckOn = async (mm: any) => {
      if (!live) return;
      const { xml } = await mm.saveXML({ format: true });
      const { problems: found } = await parseDefinition(xml, { formKeys: formKeysRef.current });
      if (live) setProblems(found);
    };
    m.on('selection.changed', (e: { newSelection: DiagramElement[] }) => setSelected(e.newSelection.length === 1 ? e.newSelection[0] : root()));
    m.on('elements.changed', () => setVersion((v) => v + 1));
    m.on('commandStack.changed', () => {
      setDirty(true);
      setServerProblems([]);
      setKey(root().businessObject?.id ?? null);
      schedule();
    });
    (async () => {
      try {
        let xml = initialXml;
        if (!xml && processKey) {
          const d = await getDefinition(processKey);
          xml = d.xml;
          if (live) setLoadedVersion(d.version);
        }
        const { warnings } = await m.importXML(xml!);
        if (!live) return;
        if (warnings.length) console.warn('diagram import warnings', warnings);
        initialZoom(m);
        setSelected(root());
        setKey(root().businessObject?.id ?? null);
        setModeler(m);
        setDirty(!!initialXml);
        schedule();
      } catch (err) {
        if (!live) return;
        setLoadError(err instanceof ApiError ? err.message : `流程图无法打开：${(err as Error).message}`);
      }
    })();
    return () => {
      live = false;
      clearTimeout(checkTimer.current);
      m.destroy();
    };
  }, [data, processKey, initialXml]);

  // Leaving the page with undeployed changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const allProblems = useMemo(() => [...serverProblems, ...problems.filter((p) => !serverProblems.some((s) => s.elementId === p.elementId && s.message === p.message))], [problems, serverProblems]);
  useProblemMarkers(modeler, allProblems);

  const getXml = useCallback(async () => (await modeler.saveXML({ format: true })).xml as string, [modeler]);
  const rootBo = modeler ? modeler.get('canvas').getRootElement().businessObject : undefined;
  const isNew = !key || !deployedKeys.includes(key);
  const processName: string = rootBo?.name || key || '新流程';

  const back = () => {
    if (!dirty) return onBack();
    modal.confirm({ title: '放弃未部署的修改？', content: '返回列表后，本次修改将丢失（可先下载 .bpmn 文件保存）。', okText: '放弃修改', cancelText: '继续编辑', okButtonProps: { danger: true }, onOk: onBack });
  };

  const download = async () => downloadText(`${key ?? 'process'}.bpmn`, await getXml());

  // A file is checked by the engine first (encoding, DOCTYPE, parse errors in Chinese); one without layout is laid out.
  const uploadBytes = async (bytes: Uint8Array, fileName: string) => {
    const decoded = decodeDiagram(bytes);
    if (decoded.problem) return void message.error(decoded.problem.message);
    const { definitions, problems: refused } = await readDefinitions(decoded.xml);
    if (!definitions) return void message.error(refused[0]?.message ?? '文件不是有效的 BPMN 流程图');
    const laidOut = ((definitions.diagrams ?? []) as any[]).some((d) => (d.plane?.planeElement ?? []).length > 0);
    let text = decoded.xml;
    if (!laidOut) {
      try {
        text = await layoutProcess(text);
      } catch (err) {
        reportError(err);
        return void message.error('文件没有图形布局，自动排版失败，无法在设计器中打开');
      }
    }
    await upload(text, fileName);
  };

  const imported = async (xml: string, fileName: string, notCarried: string[]) => {
    await upload(xml, fileName);
    if (notCarried.length) {
      modal.info({
        title: `导入完成，有 ${notCarried.length} 项需要手工处理`,
        width: 640,
        content: (
          <ul data-testid="import-left">
            {notCarried.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        ),
        okText: '知道了',
      });
    }
  };

  const upload = async (text: string, fileName: string) => {
    try {
      const { warnings } = await modeler.importXML(text);
      initialZoom(modeler);
      const root = modeler.get('canvas').getRootElement();
      const uploadedKey = root.businessObject?.id ?? null;
      setSelected(root);
      setKey(uploadedKey);
      setDirty(true);
      setServerProblems([]);
      setLoadedVersion(undefined);
      await runCheck(modeler);
      if (uploadedKey && key && uploadedKey !== key) message.warning(`上传文件的流程编号为“${uploadedKey}”，部署后将成为该流程的新版本`);
      else message.success(warnings.length ? `已载入 ${fileName}（有 ${warnings.length} 处内容无法识别，已忽略）` : `已载入 ${fileName}，检查无误后可部署`);
    } catch (err) {
      reportError(err);
      message.error('文件不是有效的 BPMN 流程图，设计器无法打开');
    }
  };

  const loadVersion = async (v: number) => {
    if (!key) return;
    try {
      const d = await getDefinition(key, v);
      await modeler.importXML(d.xml);
      initialZoom(modeler);
      setSelected(modeler.get('canvas').getRootElement());
      setLoadedVersion(v);
      setDirty(false);
      setServerProblems([]);
      setDrawer(null);
      await runCheck(modeler);
      message.info(`已载入第 ${v} 版；修改后部署将成为新版本`);
    } catch (err) {
      reportError(err);
    }
  };

  const deploy = async () => {
    const found = await runCheck();
    const errors = found.filter((p) => p.severity === 'error');
    if (errors.length) {
      message.error(`流程有 ${errors.length} 个错误，不能部署；请按下方清单修改`);
      focusElement(modeler, errors[0].elementId);
      return;
    }
    let running = 0;
    if (key && !isNew) running = (await listVersions(key).catch(() => [])).reduce((n, v) => n + v.running, 0);
    modal.confirm({
      title: `部署“${processName}”`,
      content: isNew ? '部署后即可登记此流程的事项。' : `部署后新登记的事项按新版本办理；已在办的 ${running} 件事项仍按原来的版本办理。`,
      okText: '部署',
      cancelText: '取消',
      onOk: async () => {
        setDeploying(true);
        try {
          const r = await deployDefinition(await getXml());
          const d = r.deployed.find((x) => x.key === key) ?? r.deployed[0];
          setDirty(false);
          setLoadedVersion(d?.version);
          setVersionsRefresh((n) => n + 1);
          if (d) setDeployedKeys((ks) => [...new Set([...ks, d.key])]);
          message.success(d?.unchanged ? `内容未变化，仍为第 ${d.version} 版` : `已部署：${d?.name ?? processName} 第 ${d?.version} 版`);
          if (d) onDeployed?.(d.key);
        } catch (err) {
          if (err instanceof ApiError && err.fields.length) {
            setServerProblems(err.fields.map((f) => ({ code: 'server', elementId: f.field, message: f.message.replace(/^[^：]*：/, ''), elementName: f.message.includes('：') ? f.message.split('：')[0] : undefined, severity: 'error' })));
            message.error(err.message);
          } else reportError(err);
        } finally {
          setDeploying(false);
        }
      },
    });
  };

  const stepOptions = useMemo(() => {
    if (!modeler) return [];
    return modeler
      .get('elementRegistry')
      .filter((e: any) => e.type !== 'label' && /Task|CallActivity|SubProcess|Event|Gateway/.test(e.type))
      .map((e: any) => ({ value: e.id, label: `${e.businessObject.name || '（未命名）'} · ${e.id}` }));
  }, [modeler, version]);

  if (loadError) return <Alert type="error" showIcon message={loadError} action={<Button onClick={onBack}>返回</Button>} />;
  const errorsCount = allProblems.filter((p) => p.severity === 'error').length;
  const commandStack = modeler?.get('commandStack');

  return (
    <div className="duban-designer" data-testid="designer">
      <div className="duban-designer-toolbar">
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={back}>
            返回
          </Button>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {processName}
          </Typography.Title>
          {key && <Typography.Text type="secondary">{key}</Typography.Text>}
          {loadedVersion && <Tag>基于第 {loadedVersion} 版</Tag>}
          {isNew && <Tag color="purple">未部署</Tag>}
          {dirty && <Tag color="orange">有未部署的修改</Tag>}
        </Space>
        <Space wrap>
          <Select
            showSearch
            value={null}
            placeholder="查找环节"
            aria-label="查找环节"
            style={{ width: 200 }}
            optionFilterProp="label"
            options={stepOptions}
            onChange={(id: string) => focusElement(modeler, id)}
            popupMatchSelectWidth={360}
          />
          <Tooltip title="撤销（Ctrl+Z）">
            <Button icon={<UndoOutlined />} aria-label="撤销" disabled={!commandStack?.canUndo()} onClick={() => commandStack.undo()} />
          </Tooltip>
          <Tooltip title="重做（Ctrl+Y）">
            <Button icon={<RedoOutlined />} aria-label="重做" disabled={!commandStack?.canRedo()} onClick={() => commandStack.redo()} />
          </Tooltip>
          <Tooltip title="适应窗口">
            <Button icon={<ExpandOutlined />} aria-label="适应窗口" onClick={() => modeler?.get('canvas').zoom('fit-viewport', 'auto')} />
          </Tooltip>
          <Button icon={<SafetyCertificateOutlined />} onClick={() => runCheck().then((p) => message.info(p.length ? `发现 ${p.length} 个问题` : '检查通过'))} disabled={!modeler}>
            检查
          </Button>
          <Button icon={<ExperimentOutlined />} onClick={() => setDrawer('simulate')} disabled={!modeler || !key}>
            模拟
          </Button>
          <Button icon={<HistoryOutlined />} onClick={() => setDrawer('versions')} disabled={!key || isNew}>
            版本
          </Button>
          <Button icon={<DownloadOutlined />} onClick={download} disabled={!modeler}>
            下载
          </Button>
          <UploadTextButton accept=".bpmn,.xml,application/xml,text/xml" testId="bpmn-upload" disabled={!modeler} onBytes={uploadBytes}>
            上传
          </UploadTextButton>
          {data && <ImportAssistant directory={data.directory} forms={data.forms} disabled={!modeler} onImported={imported} />}
          <Tooltip title={errorsCount ? '有错误，不能部署' : undefined}>
            <Button type="primary" icon={<CloudUploadOutlined />} onClick={deploy} loading={deploying} disabled={!modeler}>
              部署
            </Button>
          </Tooltip>
        </Space>
      </div>
      <div className="duban-designer-body">
        <div className="duban-designer-canvas" ref={container}>
          {!modeler && (
            <div className="duban-designer-loading">
              <Space>
                <Spin /> 正在载入流程图…
              </Space>
            </div>
          )}
        </div>
        <div className="duban-designer-panel" data-testid="properties-panel">
          {modeler && data && (
            <DesignerContext.Provider value={{ modeler, ...data, isNew }}>
              <PropertiesPanel key={selected?.id} element={selected} version={version} />
            </DesignerContext.Provider>
          )}
        </div>
      </div>
      <ProblemList problems={allProblems} checking={checking} onSelect={(id) => focusElement(modeler, id)} />
      {modeler && data && (
        <DesignerContext.Provider value={{ modeler, ...data, isNew }}>
          <Drawer title="模拟运行" width={880} open={drawer === 'simulate'} onClose={() => setDrawer(null)} destroyOnHidden>
            {key && <SimulationPanel processKey={key} getXml={getXml} startSources={rootBo?.get?.('duban:startSources')} />}
          </Drawer>
          <Drawer title={`版本 — ${processName}`} width={720} open={drawer === 'versions'} onClose={() => setDrawer(null)}>
            {key && !isNew && <VersionsPanel processKey={key} current={loadedVersion} refresh={versionsRefresh} onLoad={loadVersion} />}
          </Drawer>
        </DesignerContext.Provider>
      )}
    </div>
  );
}
