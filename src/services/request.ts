/**
 * The one HTTP client of the web app. Every API call goes through `request`,
 * which adds the login token, parses the one error envelope of the server
 * (`{ error: { code, message, fields? } }`) and throws it as an `ApiError`.
 * Turning an ApiError into something a person sees happens in `./errors`.
 */

/** A field-level problem reported by the server. */
export interface FieldError {
  field: string;
  message: string;
}

/** An error answered by the server (or a network failure), with a Chinese message. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fields: FieldError[];

  constructor(code: string, message: string, status: number, fields: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.fields = fields;
  }
}

const TOKEN_KEY = 'duban.token';

let apiBase = '';
let memoryToken: string | null = null;

/** When mounted inside a host OA (qiankun), API calls go to Duban's absolute base URL. */
export function setApiBase(base: string | undefined): void {
  apiBase = (base ?? '').replace(/\/+$/, '');
}

/** The absolute form of an API path ('' base: same origin). */
export function apiUrl(path: string): string {
  return path.startsWith('/') ? `${apiBase}${path}` : path;
}

/** The stored login token, or null when signed out. */
export function getToken(): string | null {
  if (memoryToken) return memoryToken;
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    // Storage can be blocked inside some host OA iframes; behave as signed out.
    return null;
  }
}

/** Stores (or with null, forgets) the login token. */
export function setToken(token: string | null): void {
  memoryToken = token;
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // See getToken: without storage the session lasts until the page is closed.
  }
}

let onUnauthenticated: (() => void) | undefined;

/** Registers what happens when the server says the login is missing or expired. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Query parameters: undefined, null and '' are left out; arrays are sent comma-separated. */
export type Query = Record<string, string | number | boolean | string[] | undefined | null>;

/** Builds `path?query` from a query object. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

/** Options of `request`. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  /** A JSON body, or FormData for uploads. */
  body?: unknown;
  signal?: AbortSignal;
  /** Return the raw Response (downloads). */
  raw?: boolean;
}

const STATUS_MESSAGES: Record<number, string> = {
  401: '未登录或登录已过期，请重新登录',
  403: '您没有权限进行此操作',
  404: '请求的内容不存在',
  409: '该事项已被他人处理，请刷新后重试',
  413: '上传内容过大',
  502: '服务暂时不可用，请稍后重试',
  503: '服务暂时不可用，请稍后重试',
  504: '服务响应超时，请稍后重试',
};

async function toApiError(res: Response): Promise<ApiError> {
  let envelope: { error?: { code?: string; message?: string; fields?: FieldError[] } } | undefined;
  try {
    envelope = await res.json();
  } catch {
    envelope = undefined;
  }
  const e = envelope?.error;
  const message = e?.message || STATUS_MESSAGES[res.status] || `请求失败（${res.status}）`;
  return new ApiError(e?.code ?? `HTTP_${res.status}`, message, res.status, Array.isArray(e?.fields) ? e!.fields : []);
}

/** Calls the API; resolves with the parsed JSON body, rejects with an ApiError. */
export async function request<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(withQuery(path, options.query)), {
      method: options.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      signal: options.signal,
    });
  } catch (cause) {
    if ((cause as Error)?.name === 'AbortError') throw cause;
    throw new ApiError('NETWORK', '无法连接服务器，请检查网络后重试', 0);
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401 && onUnauthenticated) onUnauthenticated();
    throw error;
  }
  if (options.raw) return res as unknown as T;
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

/** A URL for a download opened by the browser itself (a link), carrying the token as `?token=`. */
export function downloadUrl(path: string, query?: Query): string {
  return apiUrl(withQuery(path, { ...query, token: getToken() ?? undefined }));
}
