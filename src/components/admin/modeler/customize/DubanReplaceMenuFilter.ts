/**
 * Replace menu ("更改类型") of the Duban modeler: offers only the element types the
 * engine runs (see the lint rule duban-supported-elements), so an administrator
 * cannot turn a step into something the deploy would refuse.
 */
const UNSUPPORTED = new Set([
  'task',
  'send-task',
  'receive-task',
  'manual-task',
  'rule-task',
  'script-task',
  'transaction',
  'event-subprocess',
  'collapsed-ad-hoc-subprocess',
  'expanded-ad-hoc-subprocess',
  'ad-hoc-subprocess',
  'complex-gateway',
  'expanded-pool',
  'collapsed-pool',
  'none-boundary-event',
  'parallel-event-based-instantiate-gateway',
  'exclusive-event-based-gateway',
]);

/** Replace-with entries for events are refused unless the event type is one the engine knows. */
const UNSUPPORTED_PARTS = ['escalation', 'compensation', 'conditional', 'link', 'cancel'];
const START_DEFINITIONS = ['message-start', 'timer-start', 'signal-start', 'error-start'];

/** Whether a replace-menu entry id (`replace-with-<id>`) names a type the engine refuses. */
export function isUnsupportedReplacement(entryId: string): boolean {
  const id = entryId.replace(/^replace-with-/, '');
  if (UNSUPPORTED.has(id)) return true;
  if (UNSUPPORTED_PARTS.some((part) => id.includes(part))) return true;
  if (id.startsWith('non-interrupting-') && id.endsWith('-start')) return true;
  return START_DEFINITIONS.includes(id);
}

type Entries = Record<string, unknown>;

/** A popup-menu provider that removes unsupported entries from bpmn-js' replace menu. */
export default class DubanReplaceMenuFilter {
  static $inject = ['popupMenu'];

  constructor(popupMenu: { registerProvider(id: string, priority: number, provider: unknown): void }) {
    popupMenu.registerProvider('bpmn-replace', 500, this);
  }

  /** Drops unsupported replacements. */
  getPopupMenuEntries(): (entries: Entries) => Entries {
    return (entries) => Object.fromEntries(Object.entries(entries).filter(([id]) => !isUnsupportedReplacement(id)));
  }

  /** Drops the loop toggle (standard loops are refused; multi-instance stays). */
  getPopupMenuHeaderEntries(): (entries: Entries) => Entries {
    return (entries) => Object.fromEntries(Object.entries(entries).filter(([id]) => id !== 'toggle-loop'));
  }
}
