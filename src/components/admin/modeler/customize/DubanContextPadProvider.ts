/**
 * Context pad of the Duban modeler: "append task" appends a user task (a generic
 * task cannot run), a service task can be appended too, and appends of element
 * types the engine refuses are left out.
 */
type Entries = Record<string, any>;

const HIDDEN = ['append.receive-task', 'append.condition-intermediate-event', 'append.compensation-activity'];

/** Adjusts the bpmn-js context pad entries of flow nodes. */
export default class DubanContextPadProvider {
  static $inject = ['contextPad', 'elementFactory', 'autoPlace', 'create', 'appendPreview', 'translate'];

  constructor(
    contextPad: { registerProvider(priority: number, provider: unknown): void },
    private readonly elementFactory: { createShape(attrs: Record<string, unknown>): unknown },
    private readonly autoPlace: { append(source: unknown, shape: unknown): void } | null,
    private readonly create: { start(event: unknown, shape: unknown, hints: unknown): void },
    private readonly appendPreview: { create(source: unknown, type: string, options: unknown): void; cleanUp(): void },
    private readonly translate: (text: string) => string,
  ) {
    contextPad.registerProvider(500, this);
  }

  private append(type: string, className: string, title: string) {
    const shape = () => this.elementFactory.createShape({ type });
    return {
      group: 'model',
      className,
      title: this.translate(title),
      action: {
        dragstart: (event: unknown, element: unknown) => this.create.start(event, shape(), { source: element }),
        click: (event: unknown, element: unknown) => {
          if (this.autoPlace) this.autoPlace.append(element, shape());
          else this.create.start(event, shape(), { source: element });
        },
        hover: (_: unknown, element: unknown) => {
          this.appendPreview.create(element, type, {});
          return () => this.appendPreview.cleanUp();
        },
      },
    };
  }

  /** Replaces the generic-task append and drops unsupported appends. */
  getContextPadEntries(): (entries: Entries) => Entries {
    return (entries) => {
      const out: Entries = {};
      for (const [key, entry] of Object.entries(entries)) {
        if (HIDDEN.includes(key)) continue;
        if (key === 'append.append-task') {
          out['append.user-task'] = this.append('bpmn:UserTask', 'bpmn-icon-user-task', 'Append user task');
          out['append.service-task'] = this.append('bpmn:ServiceTask', 'bpmn-icon-service-task', 'Append service task');
          continue;
        }
        out[key] = entry;
      }
      return out;
    };
  }
}
