/** A Select of the directory's people grouped by unit; plain antd, usable with or without Formily. */
import React, { useCallback } from 'react';
import { type DirectoryGroup, DirectoryNames, DirectorySelect, type DirectorySelectProps } from '../DirectoryPicker';
import { fetchPeople, type Person } from '@/services/directory';

/** Props of UserSelect. */
export interface UserSelectProps extends DirectorySelectProps {
  /** Only holders of this role. */
  role?: string;
  /** Only people of this unit. */
  unitId?: string;
}

/** People (filtered by role / unit) grouped by unit as Select options. */
export function peopleOptions(people: Person[], role?: string, unitId?: string) {
  const groups = new Map<string, DirectoryGroup>();
  for (const p of people) {
    if (role && !p.roles.some((r) => r.roleId === role)) continue;
    if (unitId && p.unitId !== unitId) continue;
    if (!groups.has(p.unitId)) groups.set(p.unitId, { label: p.unitName, title: p.unitName, options: [] });
    groups.get(p.unitId)!.options.push({ label: `${p.name}（${p.title}）`, value: p.id });
  }
  return [...groups.values()];
}

/** A Select of people; also used outside forms (转办, 委派, 加签). */
export function UserSelect({ role, unitId, ...props }: UserSelectProps) {
  const group = useCallback((people: Person[]) => peopleOptions(people, role, unitId), [role, unitId]);
  return <DirectorySelect {...props} source={{ load: fetchPeople, group, noun: '人员' }} />;
}

/** Read-only display: people's names. */
export function UserNames({ value }: { value?: string | string[] }) {
  return <DirectoryNames value={value} load={fetchPeople} />;
}
