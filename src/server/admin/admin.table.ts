/** Settings the administration pages keep in the database (e.g. the role mapping of the embedded host). */
export interface AdminSettingTable {
  key: string;
  /** JSON value. */
  value: string;
  updatedBy: string;
  updatedAt: number;
}
