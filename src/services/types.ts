/** Shapes of the API's answers that several pages share (items and tasks). */
export type { TaskSummary, ItemSummary, Page, ItemExtension } from '@/shared/api';
