import type { LoginMatch, SsoProvider } from './provider';
import { SsoError } from './provider';

/** Settings of a CAS 3.0 server. */
export interface CasSettings {
  /** The CAS server's base URL, e.g. https://cas.example.gov.cn/cas. */
  baseUrl: string;
  /** An attribute to take the login from instead of the CAS user (e.g. `employeeNo`). */
  attribute?: string;
  match?: LoginMatch;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** CAS 3.0: `/login?service=…`, then the ticket checked at `/p3/serviceValidate` with `format=JSON`. */
export class CasProvider implements SsoProvider {
  readonly name = 'cas';
  readonly match?: LoginMatch;

  constructor(private readonly s: CasSettings) {
    this.match = s.match;
  }

  #url(path: string, query: Record<string, string>): string {
    const u = new URL(path, this.s.baseUrl.replace(/\/?$/, '/'));
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    return u.href;
  }

  async begin(callbackUrl: string) {
    return { url: this.#url('login', { service: callbackUrl }), state: {} };
  }

  async finish(callbackUrl: string, currentUrl: URL) {
    const ticket = currentUrl.searchParams.get('ticket');
    if (!ticket) throw new SsoError('SSO_NO_TICKET', '统一认证未返回登录票据，请重新登录');
    let body: any;
    try {
      const res = await (this.s.fetch ?? fetch)(this.#url('p3/serviceValidate', { service: callbackUrl, ticket, format: 'JSON' }), {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.s.timeoutMs ?? 10_000),
      });
      if (!res.ok) throw new Error(`CAS answered ${res.status}`);
      body = await res.json();
    } catch (cause) {
      throw new SsoError('SSO_PROVIDER_UNREACHABLE', '无法连接统一认证服务（CAS），请稍后重试', { cause });
    }
    const failure = body?.serviceResponse?.authenticationFailure;
    if (failure) throw new SsoError('SSO_TICKET_REFUSED', `统一认证未通过：${failure.description || failure.code || '票据无效'}`);
    const success = body?.serviceResponse?.authenticationSuccess;
    const raw = this.s.attribute ? success?.attributes?.[this.s.attribute] : success?.user;
    const login = Array.isArray(raw) ? raw[0] : raw;
    if (typeof login !== 'string' || !login) throw new SsoError('SSO_NO_LOGIN', this.s.attribute ? `统一认证未返回属性“${this.s.attribute}”，请联系管理员` : '统一认证未返回用户名');
    return { login };
  }

  async logoutUrl(returnTo: string) {
    return this.#url('logout', { service: returnTo });
  }
}
