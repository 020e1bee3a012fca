import type { AdminSettingTable } from '../admin/admin.table';
import type { SystemLogTable } from '../admin/system-log';
import type { AttachmentTable } from '../attachments/attachment.table';
import type { AuditTable } from '../audit/audit.table';
import type { CalendarOverrideTable } from '../calendar/calendar.table';
import type { DefinitionTable } from '../definitions/definition.table';
import type { DirGrantTable, DirLiaisonTable, DirPersonTable, DirRoleTable, DirUnitTable } from '../directory/directory.table';
import type { DocumentTable, NumberSequenceTable } from '../documents/document.table';
import type { EvalAppealTable, EvalEventTable, EvalQualitativeTable, EvalSchemeTable, EvalYearTable } from '../evaluation/evaluation.table';
import type { FormTable } from '../forms/form.table';
import type { InstanceTable } from '../workflow/instance.table';
import type { CopyTable, ItemParticipantTable, ItemTable, ItemUnitTable } from '../items/item.table';
import type { JobTable, TimerTable } from '../scheduler/scheduler.table';
import type { TaskTable } from '../tasks/task.table';

/** Every table of the Duban database, as Kysely sees it (camelCase; columns are snake_case). */
export interface DB {
  definitions: DefinitionTable;
  forms: FormTable;
  items: ItemTable;
  itemUnits: ItemUnitTable;
  itemParticipants: ItemParticipantTable;
  copies: CopyTable;
  instances: InstanceTable;
  tasks: TaskTable;
  timers: TimerTable;
  jobs: JobTable;
  auditLog: AuditTable;
  documents: DocumentTable;
  numberSequences: NumberSequenceTable;
  attachments: AttachmentTable;
  calendarOverrides: CalendarOverrideTable;
  dirUnits: DirUnitTable;
  dirPeople: DirPersonTable;
  dirRoles: DirRoleTable;
  dirGrants: DirGrantTable;
  dirLiaisons: DirLiaisonTable;
  systemLog: SystemLogTable;
  adminSettings: AdminSettingTable;
  evalSchemes: EvalSchemeTable;
  evalEvents: EvalEventTable;
  evalYears: EvalYearTable;
  evalQualitative: EvalQualitativeTable;
  evalAppeals: EvalAppealTable;
}
