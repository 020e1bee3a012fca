import type { AdminSettingTable } from '../admin/admin.table';
import type { SystemLogTable } from '../admin/system-log';
import type { AttachmentTable } from '../attachments/attachment.table';
import type { AuditTable } from '../audit/audit.table';
import type { CalendarOverrideTable } from '../calendar/calendar.table';
import type { DefinitionTable } from '../definitions/definition.table';
import type { DirGrantTable, DirLiaisonTable, DirPersonTable, DirRoleTable, DirUnitTable } from '../directory/directory.table';
import type { DocumentTable, DocumentTemplateTable, NumberSequenceTable, SealUseTable } from '../documents/document.table';
import type { FormTable } from '../forms/form.table';
import type { InstanceTable } from '../workflow/instance.table';
import type { CopyTable, ItemParticipantTable, ItemTable, ItemUnitTable } from '../items/item.table';
import type { JobTable, TimerTable } from '../scheduler/scheduler.table';
import type { TaskTable } from '../tasks/task.table';
import type { DirIdentifierTable, DirSyncReportTable } from '../directory/directory.table';
import type { HostTodoTable, RevokedTokenTable, SsoCodeTable, TodoRevisionTable } from '../integration/integration.table';

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
  documentTemplates: DocumentTemplateTable;
  sealUses: SealUseTable;
  numberSequences: NumberSequenceTable;
  attachments: AttachmentTable;
  calendarOverrides: CalendarOverrideTable;
  dirUnits: DirUnitTable;
  dirPeople: DirPersonTable;
  dirRoles: DirRoleTable;
  dirGrants: DirGrantTable;
  dirLiaisons: DirLiaisonTable;
  dirIdentifiers: DirIdentifierTable;
  dirSyncReports: DirSyncReportTable;
  todoRevisions: TodoRevisionTable;
  hostTodos: HostTodoTable;
  ssoCodes: SsoCodeTable;
  revokedTokens: RevokedTokenTable;
  systemLog: SystemLogTable;
  adminSettings: AdminSettingTable;
}
