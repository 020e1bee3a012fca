/**
 * The one place that turns errors into what a person sees: a toast with the
 * server's Chinese message, or messages next to the form fields they concern.
 * Pages never build error text themselves; they call `reportError`.
 */
import type { MessageInstance } from 'antd/es/message/interface';
import { ApiError, type FieldError } from './request';

let toast: MessageInstance | undefined;

/** Binds the antd message API of the app root (so toasts follow the zh_CN theme and context). */
export function bindMessageApi(api: MessageInstance): void {
  toast = api;
}

/** The Chinese text for any error. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if ((err as Error)?.name === 'AbortError') return '请求已取消';
  return '操作失败，请稍后重试';
}

/** Whether an error is only a cancelled request (nothing to show). */
function isQuiet(err: unknown): boolean {
  return (err as Error)?.name === 'AbortError' || (err instanceof ApiError && err.status === 401);
}

/** Shows an error as a toast; unexpected errors are also logged for the developer console. */
export function reportError(err: unknown): void {
  if (isQuiet(err)) return;
  if (!(err instanceof ApiError)) console.error(err);
  const text = errorMessage(err);
  if (toast) void toast.error(text);
  else console.error(text);
}

/** Shows a success toast. */
export function reportSuccess(text: string): void {
  if (toast) void toast.success(text);
}

/** The minimal part of a Formily form needed to show field messages. */
export interface FieldErrorTarget {
  query(pattern: string): { take(): { setSelfErrors?(messages: string[]): void; title?: unknown } | undefined };
}

/** Field errors carried by an error (empty for anything but a refused submission). */
export function fieldErrorsOf(err: unknown): FieldError[] {
  return err instanceof ApiError ? err.fields : [];
}

/**
 * Shows the server's field messages next to the fields of a Formily form; messages for fields
 * the form does not render are returned so they can be shown above the form.
 */
export function applyFieldErrors(form: FieldErrorTarget, err: unknown): FieldError[] {
  const unplaced: FieldError[] = [];
  const byField = new Map<string, string[]>();
  for (const f of fieldErrorsOf(err)) byField.set(f.field, [...(byField.get(f.field) ?? []), f.message]);
  for (const [field, messages] of byField) {
    // A row error such as `items.0.deadline` lands on the row field; `items.0` falls back to the list.
    const candidates = [field, field.replace(/\.\d+$/, '')];
    const target = candidates.map((p) => form.query(p).take()).find((f) => f?.setSelfErrors);
    if (target?.setSelfErrors) target.setSelfErrors(messages);
    else messages.forEach((message) => unplaced.push({ field, message }));
  }
  return unplaced;
}

/** The minimal part of an antd Form instance needed to show field messages. */
export interface AntdFieldTarget {
  setFields(fields: { name: string; errors: string[] }[]): void;
  getFieldsValue(all: true): Record<string, unknown>;
}

/**
 * Shows the server's field messages on an antd form (dialogs such as 退回 or 申请延期);
 * returns whether any message found its field. Fields absent from the form are left to the toast.
 */
export function applyAntdFieldErrors(form: AntdFieldTarget, err: unknown): boolean {
  const names = new Set(Object.keys(form.getFieldsValue(true)));
  const placed = fieldErrorsOf(err).filter((f) => names.has(f.field.split('.')[0]));
  if (placed.length) form.setFields(placed.map((f) => ({ name: f.field.split('.')[0], errors: [f.message] })));
  return placed.length > 0;
}
