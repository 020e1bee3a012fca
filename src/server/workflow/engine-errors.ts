import { EngineError } from '../../engine';
import { AppError, conflict, wrapError } from '../errors';

/** Turn an engine error into the API's error family (other errors pass through unchanged). */
export function fromEngineError(err: unknown): unknown {
  if (!(err instanceof EngineError)) return err;
  if (err.code === 'TASK_NOT_FOUND') return conflict(undefined, undefined, err);
  if (err.code === 'NOT_RUNNING') return wrapError(err, 'ITEM_CLOSED', err.message, { status: 409 });
  return new AppError(err.code, err.message, { status: 422, cause: err, details: err.details });
}
