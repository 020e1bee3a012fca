/** A Select of the directory's units grouped by kind; plain antd, usable with or without Formily. */
import React, { useCallback } from 'react';
import { DirectoryNames, DirectorySelect, type DirectorySelectProps } from '../DirectoryPicker';
import { fetchUnits, UNIT_KIND_LABELS, type Unit } from '@/services/directory';

/** Props of UnitSelect. */
export interface UnitSelectProps extends DirectorySelectProps {
  /** Only units of this kind. */
  kind?: Unit['kind'];
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
export function UnitSelect({ kind, ...props }: UnitSelectProps) {
  const group = useCallback((units: Unit[]) => unitOptions(units, kind), [kind]);
  return <DirectorySelect {...props} source={{ load: fetchUnits, group, noun: '单位', multiplePlaceholder: '请选择单位（可多选）' }} />;
}

/** Read-only display: unit names. */
export function UnitNames({ value }: { value?: string | string[] }) {
  return <DirectoryNames value={value} load={fetchUnits} />;
}
