/**
 * What the properties panel sections share: the modeler, the selected element with
 * helpers to read and change its `duban:` settings (through bpmn-js commands, so
 * every change can be undone), and the directory, forms and processes to pick from.
 */
import { createContext, useContext } from 'react';
import type { DefinitionSummary, FormSummary } from '../../api';

/** A diagram element as bpmn-js hands it out (shape, connection or root). */
export interface DiagramElement {
  id: string;
  type: string;
  businessObject: any;
  source?: DiagramElement;
  target?: DiagramElement;
  outgoing?: DiagramElement[];
  incoming?: DiagramElement[];
  parent?: DiagramElement;
}

/** The directory as the panel offers it. */
export interface DirectoryData {
  roles: { id: string; name: string; holders: { personId: string; name: string; scope?: string }[] }[];
  units: { id: string; name: string; kind: string; domain?: string }[];
  people: { id: string; name: string; unitName: string; title: string }[];
}

/** A data field of a form, for permissions and condition building. */
export interface FormField {
  name: string;
  title: string;
  type: string;
  component?: string;
  enum?: { label: string; value: string | number | boolean }[];
}

/** Shared data of the designer. */
export interface DesignerData {
  modeler: any;
  directory: DirectoryData;
  forms: FormSummary[];
  definitions: DefinitionSummary[];
  /** The data fields of a form (loaded once). */
  formFields(key: string): Promise<FormField[]>;
  /** The process was never deployed: its key may still change. */
  isNew: boolean;
}

/** The designer's shared data. */
export const DesignerContext = createContext<DesignerData | null>(null);

/** The designer's shared data (inside the designer only). */
export function useDesigner(): DesignerData {
  const value = useContext(DesignerContext);
  if (!value) throw new Error('useDesigner outside <DesignerContext>');
  return value;
}

/** Reading and changing one element through the modeler's commands. */
export interface ElementApi {
  element: DiagramElement;
  bo: any;
  /** A `duban:` attribute (trimmed text) or undefined. */
  attr(name: string): string | undefined;
  /** Set attributes, e.g. `{ 'duban:due': '10WD', name: '审核' }`; undefined removes one. */
  update(props: Record<string, unknown>): void;
  /** Set attributes of another element (e.g. the flows of a gateway). */
  updateElement(other: DiagramElement, props: Record<string, unknown>): void;
  /** Set attributes of a nested moddle element (loop characteristics, event definitions). */
  updateNested(target: any, props: Record<string, unknown>): void;
  /** Create a moddle element, e.g. a bpmn:FormalExpression. */
  create(type: string, props?: Record<string, unknown>): any;
}

/** Element helpers for a selected element of a modeler. */
export function elementApi(modeler: any, element: DiagramElement): ElementApi {
  const modeling = modeler.get('modeling');
  const moddle = modeler.get('moddle');
  const bo = element.businessObject;
  return {
    element,
    bo,
    attr(name) {
      const v = bo.get ? bo.get(`duban:${name}`) : bo[name];
      return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
    },
    update(props) {
      modeling.updateProperties(element, props);
    },
    updateElement(other, props) {
      modeling.updateProperties(other, props);
    },
    updateNested(target, props) {
      modeling.updateModdleProperties(element, target, props);
    },
    create(type, props) {
      return moddle.create(type, props);
    },
  };
}

/** Whether a moddle element is of (or extends) a type. */
export function isType(bo: any, type: string): boolean {
  return !!bo && typeof bo.$instanceOf === 'function' && bo.$instanceOf(type);
}
