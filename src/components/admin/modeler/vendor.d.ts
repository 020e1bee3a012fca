// bpmn-js-bpmnlint ships no type declarations.
declare module 'bpmn-js-bpmnlint' {
  /** The bpmn-js module adding the `linting` service. */
  const lintModule: Record<string, unknown>;
  export default lintModule;
}
