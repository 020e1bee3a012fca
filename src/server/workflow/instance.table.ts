/** Process instances: the engine's state as JSON, guarded by an optimistic version. */
export interface InstanceTable {
  id: string;
  itemId: string;
  definitionKey: string;
  definitionVersion: number;
  /** InstanceState as JSON. */
  state: string;
  /** Optimistic lock: every save requires the version it loaded. */
  version: number;
  status: string;
  parentInstanceId: string | null;
  parentTokenId: string | null;
  createdAt: number;
  updatedAt: number;
}
