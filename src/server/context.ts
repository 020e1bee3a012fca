import type { Backups } from './db/backup';
import type { HostAdapter } from '../host/HostAdapter';
import type { SessionTokens } from '../host/token';
import type { SsoProvider } from './auth/sso/provider';
import type { Links } from './integration/links';
import type { CalendarService } from './calendar/calendar.service';
import type { Db } from './db/database';
import type { GroupCommit } from './db/group-commit';
import type { DefinitionService } from './definitions/definition.service';
import type { DirectoryService } from './directory/directory.service';
import type { FormService } from './forms/form.service';

/** What every service and route needs: the database, the host, the clock and the shared services. */
export interface AppContext {
  db: Db;
  host: HostAdapter;
  /** Duban's session tokens (JWT). */
  tokens: SessionTokens;
  /** The addresses given to the host (entry URLs through single sign-on). */
  links: Links;
  /** The host's single sign-on, when configured; the demo login is offered only with the embedded host and none of these. */
  sso: SsoProvider[];
  dir: DirectoryService;
  calendar: CalendarService;
  definitions: DefinitionService;
  forms: FormService;
  /** The clock (tests inject their own). */
  now: () => number;
  /** This process's id, recorded on timers it fires. */
  nodeId: string;
  /** SQLite only: actions that arrive together share one commit (PostgreSQL commits each on its own connection). */
  writer?: GroupCommit;
  /** Online backups of the SQLite file (on PostgreSQL: not supported, the DBA's pg_dump). */
  backups: Backups;
}
