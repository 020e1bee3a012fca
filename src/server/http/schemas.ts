/** JSON schemas shared by routes. */

/** `:id` path parameter. */
export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

/** page / pageSize query. */
export const pageQuery = {
  page: { type: 'integer', minimum: 1, default: 1 },
  pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
} as const;

/** An assignment: who a task goes to. */
export const assignmentSchema = {
  type: 'object',
  required: ['type', 'value'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', enum: ['user', 'role', 'unit', 'liaison'] },
    value: { type: 'string', minLength: 1, maxLength: 100 },
    scope: { type: 'string', maxLength: 100 },
  },
} as const;

/** Any JSON object (documented loosely; the service shapes it). */
export const anyObject = { type: 'object', additionalProperties: true } as const;

/** A paged list. */
export const pagedList = {
  type: 'object',
  properties: {
    total: { type: 'integer' },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
    rows: { type: 'array', items: anyObject },
  },
} as const;

/** A date 'YYYY-MM-DD'. */
export const dateString = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
