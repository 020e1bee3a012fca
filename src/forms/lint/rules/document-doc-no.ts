/**
 * Rule `document-doc-no`: documents the regulation numbers carry a read-only `docNo` field.
 */
import { NUMBERED_DOCUMENT_TYPES } from '../../../engine/vocabulary';
import { findField } from '../../fields';
import type { FormLintRule } from '../../types';

/** Document types numbered per type and year (X3): the engine's vocabulary. */
export const NUMBERED_DOCUMENTS: readonly string[] = NUMBERED_DOCUMENT_TYPES;

/** A numbered document has a read-only `docNo` (文号) field, filled by numbering. */
export const documentDocNo: FormLintRule = {
  id: 'document-doc-no',
  description: `编号公文（${NUMBERED_DOCUMENT_TYPES.join('、')}）须有只读的文号字段 docNo`,
  check(form) {
    if (!form.document || !NUMBERED_DOCUMENTS.includes(form.document)) return [];
    const field = findField(form.schema, 'docNo');
    if (!field) return [{ message: `公文“${form.document}”须有文号字段 docNo` }];
    if (!field.readOnly) return [{ field: 'docNo', message: '文号由系统编号生成，docNo 须设为只读（x-pattern: readOnly）' }];
    return [];
  },
};
