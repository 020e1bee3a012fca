/**
 * The variables an administrator can refer to in conditions and deadlines: the fields
 * of every form used in the diagram, the decisions (outcome) the steps offer, and
 * what registration sets (title, source, units, leadUnit, deadline).
 */
import { useEffect, useState } from 'react';
import { useDesigner, type FormField } from './context';

/** Variables set when an item is registered. */
export const START_VARIABLES: FormField[] = [
  { name: 'title', title: '事项名称', type: 'string' },
  { name: 'source', title: '启动来源', type: 'string' },
  { name: 'units', title: '承办单位', type: 'array' },
  { name: 'leadUnit', title: '牵头单位', type: 'string' },
  { name: 'deadline', title: '办结期限', type: 'string', component: 'DatePicker' },
];

/** Whether a field holds a date (a deadline may count from it). */
export function isDateField(f: FormField): boolean {
  return /DatePicker/.test(f.component ?? '') || /Date$/.test(f.name);
}

/** The variables of the diagram open in the modeler; recomputed when `version` changes. */
export function useProcessVariables(version: number): { fields: FormField[]; outcomes: string[] } {
  const { modeler, formFields } = useDesigner();
  const [result, setResult] = useState<{ fields: FormField[]; outcomes: string[] }>({ fields: START_VARIABLES, outcomes: [] });
  useEffect(() => {
    let live = true;
    const registry = modeler.get('elementRegistry');
    const tasks = registry.filter((e: any) => e.type === 'bpmn:UserTask').map((e: any) => e.businessObject);
    const keys = [...new Set<string>(tasks.map((t: any) => t.get('duban:formKey')).filter(Boolean))];
    const outcomes = [...new Set<string>(tasks.flatMap((t: any) => String(t.get('duban:outcomes') ?? '').split(',').map((s: string) => s.trim()).filter(Boolean)))];
    Promise.all(keys.map((k) => formFields(k).catch(() => [] as FormField[]))).then((lists) => {
      if (!live) return;
      const byName = new Map<string, FormField>();
      for (const f of [...START_VARIABLES, ...lists.flat()]) if (!byName.has(f.name)) byName.set(f.name, f);
      setResult({ fields: [...byName.values()], outcomes });
    });
    return () => {
      live = false;
    };
  }, [modeler, formFields, version]);
  return result;
}
