/** A Select of the directory's people grouped by unit; plain antd, usable with or without Formily. */
import { useRequest } from 'ahooks';
import { Select, Tag } from 'antd';
import React, { useMemo } from 'react';
import { fetchPeople, type Person } from '@/services/directory';

/** Props of UserSelect. */
export interface UserSelectProps {
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  /** Only holders of this role. */
  role?: string;
  /** Only people of this unit. */
  unitId?: string;
  disabled?: boolean;
  readOnly?: boolean;
  placeholder?: string;
}

/** People (filtered by role / unit) grouped by unit as Select options. */
export function peopleOptions(people: Person[], role?: string, unitId?: string) {
  const groups = new Map<string, { label: string; title: string; options: { label: string; value: string }[] }>();
  for (const p of people) {
    if (role && !p.roles.some((r) => r.roleId === role)) continue;
    if (unitId && p.unitId !== unitId) continue;
    if (!groups.has(p.unitId)) groups.set(p.unitId, { label: p.unitName, title: p.unitName, options: [] });
    groups.get(p.unitId)!.options.push({ label: `${p.name}（${p.title}）`, value: p.id });
  }
  return [...groups.values()];
}

/** A Select of people; also used outside forms (转办, 委派, 加签). */
export function UserSelect({ value, onChange, multiple, role, unitId, disabled, readOnly, placeholder }: UserSelectProps) {
  const { data: people, loading } = useRequest(fetchPeople);
  const options = useMemo(() => peopleOptions(people ?? [], role, unitId), [people, role, unitId]);
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={(v) => onChange?.(v)}
      options={options}
      loading={loading}
      disabled={disabled || readOnly}
      allowClear
      showSearch
      optionFilterProp="label"
      placeholder={placeholder ?? '请选择人员'}
      notFoundContent="没有匹配的人员"
      style={{ width: '100%' }}
    />
  );
}

/** Read-only display: people's names. */
export function UserNames({ value }: { value?: string | string[] }) {
  const { data: people } = useRequest(fetchPeople);
  const ids = Array.isArray(value) ? value : value ? [value] : [];
  if (ids.length === 0) return <span className="duban-muted">—</span>;
  const name = (id: string) => people?.find((p) => p.id === id)?.name ?? id;
  return (
    <span>
      {ids.map((id) => (
        <Tag key={id} bordered={false}>
          {name(id)}
        </Tag>
      ))}
    </span>
  );
}

