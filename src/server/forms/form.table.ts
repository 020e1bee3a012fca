/** Deployed forms: Formily JSON schemas, versioned per key. */
export interface FormTable {
  id: string;
  key: string;
  version: number;
  name: string;
  /** The whole FormDefinition (key, name, version, document, schema) as JSON. */
  schema: string;
  deployedBy: string;
  deployedAt: number;
}
