/**
 * Palette of the Duban modeler: only elements the engine runs. A generic task is
 * replaced by a user task, a service task and a call activity; pools and data
 * objects are left out (the engine runs one process per diagram).
 */
const HIDDEN = ['create.task', 'create.participant-expanded', 'create.data-object', 'create.data-store'];

type Entries = Record<string, unknown>;

/** Adjusts the bpmn-js palette entries (registered after the default provider). */
export default class DubanPaletteProvider {
  static $inject = ['palette', 'create', 'elementFactory', 'translate'];

  constructor(
    palette: { registerProvider(priority: number, provider: unknown): void },
    private readonly create: { start(event: unknown, shape: unknown): void },
    private readonly elementFactory: { createShape(attrs: Record<string, unknown>): unknown },
    private readonly translate: (text: string) => string,
  ) {
    palette.registerProvider(500, this);
  }

  /** The default entries minus unsupported ones, plus user task, service task and call activity. */
  getPaletteEntries(): (entries: Entries) => Entries {
    const action = (type: string, className: string, title: string) => {
      const start = (event: unknown) => this.create.start(event, this.elementFactory.createShape({ type }));
      return { group: 'activity', className, title: this.translate(title), action: { dragstart: start, click: start } };
    };
    return (entries) => {
      const kept: Entries = {};
      for (const [key, entry] of Object.entries(entries)) {
        if (HIDDEN.includes(key)) continue;
        kept[key] = entry;
        if (key === 'create.exclusive-gateway') {
          kept['create.user-task'] = action('bpmn:UserTask', 'bpmn-icon-user-task', 'Create user task');
          kept['create.service-task'] = action('bpmn:ServiceTask', 'bpmn-icon-service-task', 'Create service task');
          kept['create.call-activity'] = action('bpmn:CallActivity', 'bpmn-icon-call-activity', 'Create call activity');
        }
      }
      return kept;
    };
  }
}
