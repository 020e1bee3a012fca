/**
 * Builds the bpmn-js Modeler of the designer: our `duban:` moddle extension, the
 * Chinese translate module, the palette / context pad / replace menu restricted to
 * what the engine runs, and live lint with our rules through bpmn-js-bpmnlint.
 */
import Modeler from 'bpmn-js/lib/Modeler';
import lintModule from 'bpmn-js-bpmnlint';
import duban from '@/engine/definition/duban.json';
import { lintConfig, resolver } from '@/engine/lint';
import dubanCustomizeModule from './customize';
import translateModule from './translate';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';

/** The lint setting bpmn-js-bpmnlint expects: our rule config and resolver. */
export function linting(formKeys?: string[]) {
  return { config: lintConfig({ formKeys }), resolver };
}

/** A new modeler attached to `container`; lint knows the deployed form keys. */
export function createModeler(container: HTMLElement, formKeys?: string[]): Modeler {
  return new Modeler({
    container,
    moddleExtensions: { duban },
    linting: { active: true, bpmnlint: linting(formKeys) },
    additionalModules: [translateModule, dubanCustomizeModule, lintModule],
  });
}
