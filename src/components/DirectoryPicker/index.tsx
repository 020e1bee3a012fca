/**
 * The picker of the county directory that UnitSelect and UserSelect share: a searchable
 * antd Select of grouped entries (units, people) loaded once per page, and the read-only
 * display of the chosen entries' names; plain antd, usable with or without Formily.
 */
import { useRequest } from 'ahooks';
import { Select, Tag } from 'antd';
import React, { useMemo } from 'react';

/** The props every directory select takes: the value is an entry's id, or a list of ids with `multiple`. */
export interface DirectorySelectProps {
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  disabled?: boolean;
  readOnly?: boolean;
  placeholder?: string;
}

/** A group of Select options (a unit kind, a unit's people). */
export interface DirectoryGroup {
  label: string;
  title: string;
  options: { label: string; value: string }[];
}

/** What a directory select chooses from, and how it speaks of it. */
export interface DirectorySource<T> {
  /** Loads the entries (cached by the directory service). */
  load: () => Promise<T[]>;
  /** The entries as grouped options; keep it stable (useCallback) so the options are not rebuilt on every render. */
  group: (entries: T[]) => DirectoryGroup[];
  /** What the entries are called: 单位, 人员. */
  noun: string;
  /** The placeholder when several can be chosen (default: as for one). */
  multiplePlaceholder?: string;
}

/** A Select of directory entries. */
export function DirectorySelect<T>({
  source,
  value,
  onChange,
  multiple,
  disabled,
  readOnly,
  placeholder,
}: DirectorySelectProps & { source: DirectorySource<T> }) {
  const { load, group, noun, multiplePlaceholder } = source;
  const { data: entries, loading } = useRequest(load);
  const options = useMemo(() => group(entries ?? []), [entries, group]);
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
      placeholder={placeholder ?? ((multiple && multiplePlaceholder) || `请选择${noun}`)}
      notFoundContent={`没有匹配的${noun}`}
      style={{ width: '100%' }}
    />
  );
}

/** Read-only display: the names of the chosen entries (an unknown id shows as itself). */
export function DirectoryNames<T extends { id: string; name: string }>({ value, load }: { value?: string | string[]; load: () => Promise<T[]> }) {
  const { data: entries } = useRequest(load);
  const ids = Array.isArray(value) ? value : value ? [value] : [];
  if (ids.length === 0) return <span className="duban-muted">—</span>;
  const name = (id: string) => entries?.find((e) => e.id === id)?.name ?? id;
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
