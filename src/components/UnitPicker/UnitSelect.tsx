/** A Select of the directory's units grouped by kind; plain antd, usable with or without Formily. */
import { useRequest } from 'ahooks';
import { Select, Tag } from 'antd';
import React, { useMemo } from 'react';
import { fetchUnits, UNIT_KIND_LABELS, type Unit } from '@/services/directory';

/** Props of UnitSelect. */
export interface UnitSelectProps {
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  /** Only units of this kind. */
  kind?: Unit['kind'];
  disabled?: boolean;
  readOnly?: boolean;
  placeholder?: string;
}

/** Units grouped by kind as Select options. */
export function unitOptions(units: Unit[], kind?: Unit['kind']) {
  const kinds = (Object.keys(UNIT_KIND_LABELS) as Unit['kind'][]).filter((k) => !kind || k === kind);
  return kinds
    .map((k) => ({
      label: UNIT_KIND_LABELS[k],
      title: UNIT_KIND_LABELS[k],
      options: units.filter((u) => u.kind === k).map((u) => ({ label: u.name, value: u.id })),
    }))
    .filter((g) => g.options.length > 0);
}

/** A Select of units. */
export function UnitSelect({ value, onChange, multiple, kind, disabled, readOnly, placeholder }: UnitSelectProps) {
  const { data: units, loading } = useRequest(fetchUnits);
  const options = useMemo(() => unitOptions(units ?? [], kind), [units, kind]);
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
      placeholder={placeholder ?? (multiple ? '请选择单位（可多选）' : '请选择单位')}
      notFoundContent="没有匹配的单位"
      style={{ width: '100%' }}
    />
  );
}

/** Read-only display: unit names. */
export function UnitNames({ value }: { value?: string | string[] }) {
  const { data: units } = useRequest(fetchUnits);
  const ids = Array.isArray(value) ? value : value ? [value] : [];
  if (ids.length === 0) return <span className="duban-muted">—</span>;
  const name = (id: string) => units?.find((u) => u.id === id)?.name ?? id;
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
