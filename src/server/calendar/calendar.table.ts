/** Administrator overrides of the working-day calendar (a year's published schedule, ad-hoc changes). */
export interface CalendarOverrideTable {
  date: string;
  year: number;
  /** 1 = working day, 0 = day off. */
  workday: number;
  /** 'schedule' = part of a year's imported schedule (replaces the bundled year); 'override' = a single correction. */
  source: string;
  note: string | null;
  createdBy: string;
  createdAt: number;
}
