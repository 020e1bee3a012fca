/** Deployed process definitions: every deploy of a key is a new version. */
export interface DefinitionTable {
  id: string;
  key: string;
  version: number;
  name: string;
  category: string | null;
  xml: string;
  /** The compiled ProcessModel as JSON. */
  model: string;
  /** JSON: start sources `[{ code, label }]` and materials offered by the diagram. */
  meta: string;
  deployedBy: string;
  deployedAt: number;
}
