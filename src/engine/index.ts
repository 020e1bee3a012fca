/**
 * The Duban engine: loads BPMN diagrams with the `duban:` extension and executes
 * them as a pure function `step(model, state, command, now, calendar) → { state, effects }`.
 * No I/O and no clock of its own: the same code runs on the server and in the browser.
 */
export * from './types';
export { SERVICE_ACTIONS, SCORING_STAGES, type ScoringStage, URGE_METHODS, SEALS, DOCUMENT_TYPES, NUMBERED_DOCUMENT_TYPES, EXTENSION_MESSAGE, isKeyOf, seriesDocType, type SealKind } from './vocabulary';
export { EngineError } from './errors';
export {
  parseDefinition,
  readDefinitions,
  compileProcess,
  parseModel,
  decodeDiagram,
  executableProcesses,
  MAX_DIAGRAM_BYTES,
  MAX_DIAGRAM_ELEMENTS,
  diagramBytesProblem,
  utf8Length,
  firstUserTask,
  type ParseOptions,
} from './definition';
export { startInstance, step } from './runtime/step';
export { approvedExtension, extensionMessage, type ExtensionRequest } from './runtime/extension';
export { evalFeel, evalCondition, feelSyntaxError, isExpression } from './expressions/feel';
export * from './calendar';
