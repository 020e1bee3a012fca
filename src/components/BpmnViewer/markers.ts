/** Which marker each step of a diagram gets. */

/** Step ids to highlight. */
export interface DiagramMarks {
  done: string[];
  current: string[];
  overdue: string[];
}

/** The marker a step gets: overdue wins over current, current over done. */
export function markerOf(id: string, marks: DiagramMarks): 'duban-overdue' | 'duban-current' | 'duban-done' | null {
  if (marks.overdue.includes(id)) return 'duban-overdue';
  if (marks.current.includes(id)) return 'duban-current';
  if (marks.done.includes(id)) return 'duban-done';
  return null;
}
