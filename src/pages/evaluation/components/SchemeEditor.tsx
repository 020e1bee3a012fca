/** 评估方案: 县绩效办 edits a year's scheme as data — categories and units, indicators with their rules or evaluators, weights, the commendation rule, the appeal window — and saves it as a new version. */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useRequest } from 'ahooks';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import React, { useEffect, useState } from 'react';
import { UnitSelect } from '@/components/UnitPicker/UnitSelect';
import { UserSelect } from '@/components/UserPicker/UserSelect';
import { EVENT_KINDS, RULE_KINDS, type Scheme } from '@/shared/evaluation';
import { fieldErrorsOf, reportError, reportSuccess } from '@/services/errors';
import type { FieldError } from '@/services/request';
import { fetchScheme, saveScheme } from '../service';

const KIND_OPTIONS = Object.entries(EVENT_KINDS).map(([value, k]) => ({ value, label: k.name }));
const RULE_OPTIONS = Object.entries(RULE_KINDS).map(([value, label]) => ({ value, label }));

/** The scheme as the form holds it: rates in percent. */
type FormScheme = Omit<Scheme, 'indicators'> & { indicators: any[] };

const toForm = (s: Scheme): FormScheme => ({
  ...s,
  indicators: s.indicators.map((i) =>
    i.type === 'quantitative' && i.rule.kind === 'onTimeRate' ? { ...i, rule: { ...i.rule, bands: i.rule.bands.map((b) => ({ ...b, minRate: Math.round(b.minRate * 1000) / 10 })) } } : i,
  ),
});

const fromForm = (f: FormScheme, year: number): Scheme => ({
  ...f,
  year,
  indicators: (f.indicators ?? []).map((i: any) =>
    i.type === 'quantitative' && i.rule?.kind === 'onTimeRate' ? { ...i, rule: { ...i.rule, bands: (i.rule.bands ?? []).map((b: any) => ({ ...b, minRate: (b.minRate ?? 0) / 100 })) } } : i,
  ),
});

/** The editor of a year's scheme; read-only for those who may not save it. */
export default function SchemeEditor({ year, editable, onSaved }: { year: number; editable: boolean; onSaved: () => void }) {
  const [form] = Form.useForm<FormScheme>();
  const [problems, setProblems] = useState<FieldError[]>([]);
  const [saving, setSaving] = useState(false);
  const [version, setVersion] = useState<number | undefined>();
  const { data, loading, refresh } = useRequest(() => fetchScheme(year, version), { refreshDeps: [year, version], onError: reportError });
  useEffect(() => {
    if (data) form.setFieldsValue(toForm(data.scheme));
  }, [data, form]);
  if (!data) return loading ? <Skeleton active /> : null;

  const save = async () => {
    setProblems([]);
    setSaving(true);
    try {
      const r = await saveScheme(year, fromForm(form.getFieldsValue(true), year));
      reportSuccess(`已保存为第${r.version}版`);
      setVersion(undefined);
      refresh();
      onSaved();
    } catch (err) {
      setProblems(fieldErrorsOf(err));
      reportError(err);
    } finally {
      setSaving(false);
    }
  };

  const disabled = !editable || (version !== undefined && version !== data.versions[0]?.version);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <span>版本：</span>
        <Select
          style={{ width: 260 }}
          aria-label="方案版本"
          value={version ?? data.version ?? undefined}
          placeholder="尚未保存（初始方案）"
          onChange={(v) => setVersion(v === data.versions[0]?.version ? undefined : v)}
          options={data.versions.map((v) => ({ value: v.version, label: `第${v.version}版（${v.createdBy}，${dayjs(v.createdAt).format('YYYY-MM-DD HH:mm')}）` }))}
        />
        {data.boundVersion && <Tag color="blue">本年度按第{data.boundVersion}版计算</Tag>}
        {data.draft && <Tag color="orange">尚未保存：以下为按通讯录生成的初始方案</Tag>}
      </Space>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          message="方案有以下问题，未保存"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {problems.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          }
        />
      )}
      <Form form={form} layout="vertical" disabled={disabled}>
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item name="title" label="方案名称" rules={[{ required: true, message: '请填写方案名称' }]}>
              <Input aria-label="方案名称" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="appealDays" label="申诉期限（天，自事件发生或结果公布起）">
              <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} aria-label="申诉期限" />
            </Form.Item>
          </Col>
        </Row>
        <Card size="small" title="参评类别与单位（分类排位）">
          <Form.List name="categories">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Row key={f.key} gutter={8} align="top">
                    <Col xs={24} md={5}>
                      <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写类别名称' }]}>
                        <Input placeholder="类别名称，如：县直部门" aria-label="类别名称" />
                      </Form.Item>
                    </Col>
                    <Col xs={22} md={18}>
                      <Form.Item name={[f.name, 'units']}>
                        <UnitSelect multiple />
                      </Form.Item>
                    </Col>
                    <Col span={1}>
                      <MinusCircleOutlined aria-label="删除类别" onClick={() => remove(f.name)} style={{ marginTop: 9 }} />
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ id: `c${Date.now().toString(36)}`, name: '', units: [] })}>
                  添加类别
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card size="small" title="评估指标（权重即该项分值，合计 100 分）" style={{ marginTop: 16 }}>
          <Form.List name="indicators">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Card key={f.key} size="small" type="inner" style={{ marginBottom: 8 }} extra={<MinusCircleOutlined aria-label="删除指标" onClick={() => remove(f.name)} />}>
                    <Row gutter={8}>
                      <Col xs={24} md={8}>
                        <Form.Item name={[f.name, 'name']} label="指标名称" rules={[{ required: true, message: '请填写指标名称' }]}>
                          <Input />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item name={[f.name, 'type']} label="类型">
                          <Select options={[{ value: 'quantitative', label: '定量' }, { value: 'qualitative', label: '定性' }]} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item name={[f.name, 'weight']} label="权重（分）">
                          <InputNumber min={0} max={100} style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                    </Row>
                    <Form.Item noStyle shouldUpdate>
                      {() => {
                        const ind = form.getFieldValue(['indicators', f.name]) ?? {};
                        if (ind.type === 'qualitative') {
                          return (
                            <Row gutter={8}>
                              <Col xs={24} md={12}>
                                <Form.Item name={[f.name, 'evaluators']} label="评价人">
                                  <UserSelect multiple />
                                </Form.Item>
                              </Col>
                              <Col xs={12} md={4}>
                                <Form.Item name={[f.name, 'min']} label="评分下限">
                                  <InputNumber min={0} style={{ width: '100%' }} />
                                </Form.Item>
                              </Col>
                              <Col xs={12} md={4}>
                                <Form.Item name={[f.name, 'max']} label="评分上限">
                                  <InputNumber min={0} style={{ width: '100%' }} />
                                </Form.Item>
                              </Col>
                            </Row>
                          );
                        }
                        return (
                          <Row gutter={8}>
                            <Col xs={24} md={8}>
                              <Form.Item name={[f.name, 'rule', 'kind']} label="计分规则">
                                <Select options={RULE_OPTIONS} />
                              </Form.Item>
                            </Col>
                            {ind.rule?.kind === 'onTimeRate' ? (
                              <Col xs={24} md={16}>
                                <Form.Item label="按期办结率分档（达到该办结率得相应分）">
                                  <Form.List name={[f.name, 'rule', 'bands']}>
                                    {(bands, b) => (
                                      <Space direction="vertical">
                                        {bands.map((band) => (
                                          <Space key={band.key}>
                                            <span>≥</span>
                                            <Form.Item noStyle name={[band.name, 'minRate']}>
                                              <InputNumber min={0} max={100} addonAfter="%" style={{ width: 120 }} />
                                            </Form.Item>
                                            <span>得</span>
                                            <Form.Item noStyle name={[band.name, 'points']}>
                                              <InputNumber min={0} addonAfter="分" style={{ width: 120 }} />
                                            </Form.Item>
                                            <MinusCircleOutlined aria-label="删除分档" onClick={() => b.remove(band.name)} />
                                          </Space>
                                        ))}
                                        <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => b.add({ minRate: 0, points: 0 })}>
                                          添加分档
                                        </Button>
                                      </Space>
                                    )}
                                  </Form.List>
                                </Form.Item>
                              </Col>
                            ) : (
                              <>
                                <Col xs={24} md={16}>
                                  <Form.Item name={[f.name, 'rule', 'events']} label="计分事件">
                                    <Select mode="multiple" options={KIND_OPTIONS} placeholder="选择计分的事件" />
                                  </Form.Item>
                                </Col>
                                <Col xs={12} md={6}>
                                  <Form.Item name={[f.name, 'rule', 'points']} label="每次（扣分填负数）">
                                    <InputNumber step={0.5} style={{ width: '100%' }} />
                                  </Form.Item>
                                </Col>
                                <Col xs={12} md={6}>
                                  <Form.Item name={[f.name, 'rule', 'base']} label="基础分">
                                    <InputNumber min={0} style={{ width: '100%' }} />
                                  </Form.Item>
                                </Col>
                                <Col xs={12} md={6}>
                                  <Form.Item name={[f.name, 'rule', 'cap']} label="封顶（默认为权重）">
                                    <InputNumber min={0} style={{ width: '100%' }} />
                                  </Form.Item>
                                </Col>
                                <Col xs={12} md={6}>
                                  <Form.Item name={[f.name, 'rule', 'floor']} label="保底（默认为 0）">
                                    <InputNumber min={0} style={{ width: '100%' }} />
                                  </Form.Item>
                                </Col>
                              </>
                            )}
                          </Row>
                        );
                      }}
                    </Form.Item>
                  </Card>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ id: `i${Date.now().toString(36)}`, name: '', type: 'quantitative', weight: 10, rule: { kind: 'perEvent', events: [], points: -1, base: 10 } })}
                >
                  添加指标
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card size="small" title="表彰建议规则" style={{ marginTop: 16 }}>
          <Row gutter={8}>
            <Col xs={12} md={6}>
              <Form.Item name={['commendation', 'topN']} label="每类前几名">
                <InputNumber min={1} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name={['commendation', 'minScore']} label="且总分不低于">
                <InputNumber min={0} max={100} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['commendation', 'excludeKinds']} label="有以下事件的单位不列入">
                <Select mode="multiple" options={KIND_OPTIONS} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
      </Form>
      {editable && (
        <Space>
          <Button type="primary" loading={saving} disabled={disabled} onClick={save}>
            保存为新版本
          </Button>
          <Typography.Text type="secondary">已公布的年度保留计算时使用的版本，不受新版本影响。</Typography.Text>
        </Space>
      )}
    </Space>
  );
}
