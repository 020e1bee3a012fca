/**
 * 角色配置: who holds each role R1–R15 (with the 分管领域 of 分管副县长 and other scoped
 * roles) and which units each 县政府办副主任 (R6) liaises with, mapped onto the people
 * and units of the directory. Editable with Duban's own (embedded) directory; with
 * an OA's directory the mapping is shown read-only.
 */
import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import React, { useEffect, useMemo, useState } from 'react';
import AdminGuard from '@/components/admin/AdminGuard';
import { getRoleMapping, resetRoleMapping, saveRoleMapping, type RoleMappingData } from '@/components/admin/api';
import PageTitle from '@/components/PageTitle';
import { ApiError } from '@/services/request';
import { reportError } from '@/services/errors';

type Grant = RoleMappingData['grants'][number];
type Liaison = RoleMappingData['liaisons'][number];

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
const grantKey = (g: Grant) => `${g.personId}|${g.roleId}|${g.scope ?? ''}`;

/** The roles page. */
export default function RolesPage() {
  const { message, modal } = App.useApp();
  const [data, setData] = useState<RoleMappingData>();
  const [grants, setGrants] = useState<Grant[]>([]);
  const [liaisons, setLiaisons] = useState<Liaison[]>([]);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    getRoleMapping()
      .then((d) => {
        setData(d);
        setGrants(d.grants.map((g) => ({ ...g, scope: g.scope ?? '' })));
        setLiaisons(d.liaisons);
        setErrors([]);
      })
      .catch(reportError);
  }, [refresh]);

  const people = data?.people ?? [];
  const personLabel = (id: string) => {
    const p = people.find((x) => x.id === id);
    return p ? `${p.name}（${p.unitName} ${p.title}）` : id;
  };
  const personOptions = useMemo(() => people.map((p) => ({ value: p.id, label: `${p.name}（${p.unitName} ${p.title}）` })), [people]);
  const domains = useMemo(() => [...new Set([...(data?.units ?? []).map((u) => u.domain).filter((d): d is string => !!d), ...grants.map((g) => g.scope).filter(Boolean)])], [data, grants]);
  const scopedRoles = useMemo(() => new Set(grants.filter((g) => g.scope).map((g) => g.roleId).concat(data?.policy.scoped ?? [])), [grants, data]);
  const liaisonRole = data?.policy.liaison;
  const roleName = (id: string) => data?.policy.roleNames[id] ?? id;

  const dirty = useMemo(() => {
    if (!data) return false;
    return !sameSet(grants.map(grantKey), data.grants.map(grantKey)) || !sameSet(liaisons.map((l) => `${l.personId}|${l.unitId}`), data.liaisons.map((l) => `${l.personId}|${l.unitId}`));
  }, [data, grants, liaisons]);
  const editable = !!data?.editable;

  /** Sets the holders of a role; a person keeps their scopes, a new person gets no scope. */
  const setHolders = (roleId: string, ids: string[]) => {
    const kept = grants.filter((g) => g.roleId !== roleId || ids.includes(g.personId));
    const added = ids.filter((id) => !kept.some((g) => g.roleId === roleId && g.personId === id)).map((personId) => ({ personId, roleId, scope: '' }));
    setGrants([...kept, ...added]);
    if (roleId === liaisonRole) setLiaisons(liaisons.filter((l) => ids.includes(l.personId)));
  };
  const setScopes = (roleId: string, personId: string, scopes: string[]) => {
    const rest = grants.filter((g) => !(g.roleId === roleId && g.personId === personId));
    setGrants([...rest, ...(scopes.length ? scopes : ['']).map((scope) => ({ personId, roleId, scope }))]);
  };
  const setUnits = (personId: string, unitIds: string[]) => setLiaisons([...liaisons.filter((l) => l.personId !== personId), ...unitIds.map((unitId) => ({ personId, unitId }))]);

  const save = async () => {
    setSaving(true);
    setErrors([]);
    try {
      const r = await saveRoleMapping({ grants, liaisons });
      message.success(`已保存：${r.grants} 项角色任职，${r.liaisons} 个联系单位`);
      setRefresh((n) => n + 1);
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) setErrors(err.fields.map((f) => f.message));
      reportError(err);
    } finally {
      setSaving(false);
    }
  };
  const reset = () =>
    modal.confirm({
      title: '恢复通讯录中的角色？',
      content: '将放弃此处的全部角色配置，改用通讯录（OA）中登记的角色与联系单位。',
      okText: '恢复',
      cancelText: '取消',
      onOk: async () => {
        try {
          await resetRoleMapping();
          message.success('已恢复通讯录中的角色');
          setRefresh((n) => n + 1);
        } catch (err) {
          reportError(err);
        }
      },
    });

  const r6 = [...new Set(grants.filter((g) => g.roleId === liaisonRole).map((g) => g.personId))];
  const unitsWithout = (data?.units ?? []).filter((u) => u.kind !== 'office' && !liaisons.some((l) => l.unitId === u.id));

  return (
    <AdminGuard>
      <PageTitle
        title="角色配置"
        extra={
          editable && (
            <Space>
              {data?.customised && (
                <Button icon={<UndoOutlined />} onClick={reset}>
                  恢复通讯录角色
                </Button>
              )}
              <Button onClick={() => setRefresh((n) => n + 1)} disabled={!dirty}>
                放弃修改
              </Button>
              <Button type="primary" icon={<SaveOutlined />} onClick={save} loading={saving} disabled={!dirty}>
                保存
              </Button>
            </Space>
          )
        }
      >
        <Typography.Text type="secondary">
          流程中的“角色”办理人按此处的任职找人。
          {data?.customised && data.updatedAt ? `当前配置由${data.updatedByName ?? ''}于 ${dayjs(data.updatedAt).format('YYYY-MM-DD HH:mm')} 保存。` : ''}
        </Typography.Text>
      </PageTitle>
      {data && !editable && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="人员与角色由所接入的 OA 通讯录维护，请在 OA 中调整；此处仅供核对。" />}
      {errors.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} message="未保存" description={<ul>{errors.map((e) => <li key={e}>{e}</li>)}</ul>} />}
      {dirty && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="有未保存的修改" />}
      <Card size="small" title="角色任职" style={{ marginBottom: 12 }}>
        <Table
          size="small"
          rowKey="id"
          loading={!data}
          dataSource={data?.roles ?? []}
          pagination={false}
          data-testid="role-table"
          columns={[
            { title: '角色', dataIndex: 'id', width: 64 },
            { title: '名称', dataIndex: 'name', width: 190 },
            {
              title: '人员',
              key: 'holders',
              render: (_: unknown, role: { id: string; name: string }) => {
                const ids = [...new Set(grants.filter((g) => g.roleId === role.id).map((g) => g.personId))];
                return (
                  <Space direction="vertical" style={{ width: '100%' }} size={4}>
                    <Select
                      mode="multiple"
                      value={ids}
                      disabled={!editable}
                      options={personOptions}
                      optionFilterProp="label"
                      placeholder="未配置"
                      aria-label={`${role.name}的人员`}
                      style={{ width: '100%' }}
                      status={!ids.length && data?.policy.required.includes(role.id) ? 'error' : undefined}
                      onChange={(v: string[]) => setHolders(role.id, v)}
                    />
                    {scopedRoles.has(role.id) &&
                      ids.map((pid) => (
                        <Space key={pid} style={{ width: '100%' }} align="center">
                          <Typography.Text style={{ width: 120, display: 'inline-block' }} ellipsis>
                            {personLabel(pid).split('（')[0]} 分管
                          </Typography.Text>
                          <Select
                            mode="tags"
                            value={grants.filter((g) => g.roleId === role.id && g.personId === pid && g.scope).map((g) => g.scope)}
                            disabled={!editable}
                            options={domains.map((d) => ({ value: d }))}
                            placeholder="不限领域"
                            aria-label={`${personLabel(pid).split('（')[0]}的分管领域`}
                            style={{ minWidth: 360 }}
                            onChange={(v: string[]) => setScopes(role.id, pid, v)}
                          />
                        </Space>
                      ))}
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>
      <Card size="small" title="联系副主任的联系单位（常务会议议定事项由其跟踪催办）">
        {unitsWithout.length > 0 && (
          <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={`以下单位没有联系副主任：${unitsWithout.map((u) => u.name).join('、')}`} />
        )}
        <Table
          size="small"
          rowKey={(id) => id}
          dataSource={r6}
          pagination={false}
          locale={{ emptyText: '尚无人担任“县政府办副主任（联系单位）”' }}
          columns={[
            { title: '联系副主任', key: 'p', width: 260, render: (id: string) => personLabel(id) },
            {
              title: '联系单位',
              key: 'u',
              render: (id: string) => (
                <Select
                  mode="multiple"
                  value={liaisons.filter((l) => l.personId === id).map((l) => l.unitId)}
                  disabled={!editable}
                  options={(data?.units ?? []).filter((u) => u.kind !== 'office').map((u) => ({ value: u.id, label: u.name }))}
                  optionFilterProp="label"
                  aria-label={`${personLabel(id).split('（')[0]}的联系单位`}
                  style={{ width: '100%' }}
                  onChange={(v: string[]) => setUnits(id, v)}
                />
              ),
            },
            {
              title: '',
              key: 'n',
              width: 80,
              render: (id: string) => <Tag>{liaisons.filter((l) => l.personId === id).length} 个</Tag>,
            },
          ]}
        />
      </Card>
      {data && (
        <Card size="small" title="权限表（谁可以做什么）" data-testid="policy-table">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            权限按角色授予，由权限配置文件（processes/policy.json）设定，服务端与页面按同一张表判断；修改该文件并重启服务后生效。各环节由谁办理在流程设计中设置。
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={[
              ...data.policy.capabilities.map((c) => ({ id: c.id, name: c.name, roles: c.roles, procedures: c.procedures })),
              ...data.policy.assignments.map((a) => ({ id: a.id, name: a.name, roles: [a.role], procedures: {} as Record<string, string[]> })),
            ]}
            columns={[
              { title: '权限', dataIndex: 'name', width: 320 },
              {
                title: '持有角色',
                key: 'roles',
                render: (_: unknown, c: { roles: string[]; procedures: Record<string, string[]> }) => (
                  <Space size={[4, 4]} wrap>
                    {c.roles.map((r) => (
                      <Tag key={r}>{roleName(r)}</Tag>
                    ))}
                    {Object.entries(c.procedures).map(([key, roles]) => (
                      <Tag key={key} color="blue">
                        {key}：{roles.map(roleName).join('、')}
                      </Tag>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
    </AdminGuard>
  );
}
