import { HostCallError } from './errors';

/** One JSON call to a host platform: a timeout, and every failure (down, timeout, non-JSON) as a HostCallError. */
export async function jsonCall(
  f: typeof fetch,
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: unknown; timeoutMs: number },
): Promise<{ status: number; body: any }> {
  let res: Response;
  try {
    res = await f(url, {
      method: init.method,
      headers: { accept: 'application/json', ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs),
    });
  } catch (cause) {
    throw new HostCallError(`接口无法连接或超时：${init.method} ${new URL(url).pathname}`, { cause });
  }
  const text = await res.text();
  let body: any;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch (cause) {
    if (res.ok) throw new HostCallError(`接口返回的不是 JSON：${init.method} ${new URL(url).pathname}`, { cause, status: res.status });
    body = undefined;
  }
  return { status: res.status, body };
}
