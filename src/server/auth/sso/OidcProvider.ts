import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import type { LoginMatch, SsoProvider } from './provider';
import { SsoError } from './provider';

/** Settings of an OpenID Connect provider (the host's login). */
export interface OidcSettings {
  /** Issuer URL; its `/.well-known/openid-configuration` is read at the first sign-in. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Scopes (default `openid profile`). */
  scope?: string;
  /** The ID token claim holding the login name (default `preferred_username`, then `sub`). */
  claim?: string;
  match?: LoginMatch;
  /** Allow http:// issuers (a test or an intranet IdP without TLS). */
  allowHttp?: boolean;
}

/**
 * OAuth2 authorization code with PKCE, state and nonce through `openid-client`; the ID token's signature is
 * checked against the host's JWKS (jose), its issuer, audience and expiry as well.
 */
export class OidcProvider implements SsoProvider {
  readonly name = 'oidc';
  readonly match?: LoginMatch;
  #config?: Promise<oidc.Configuration>;
  #jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly s: OidcSettings) {
    this.match = s.match;
  }

  #discover(): Promise<oidc.Configuration> {
    this.#config ??= oidc
      .discovery(new URL(this.s.issuer), this.s.clientId, this.s.clientSecret, undefined, this.s.allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined)
      .catch((cause) => {
        // Try again at the next sign-in: the host's login may only have been down for a moment.
        this.#config = undefined;
        throw new SsoError('SSO_PROVIDER_UNREACHABLE', '无法连接 OA 统一登录服务，请稍后重试', { cause });
      });
    return this.#config;
  }

  async begin(callbackUrl: string) {
    const config = await this.#discover();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: callbackUrl,
      scope: this.s.scope ?? 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state: { verifier, state, nonce } };
  }

  async finish(callbackUrl: string, currentUrl: URL, st: Record<string, string>) {
    const config = await this.#discover();
    const error = currentUrl.searchParams.get('error');
    if (error) throw new SsoError('SSO_DENIED', `OA 统一登录未通过：${currentUrl.searchParams.get('error_description') || error}`);
    // The callback the IdP saw: our configured URL with the query it added.
    const seen = new URL(callbackUrl);
    seen.search = currentUrl.search;
    let idToken: string | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, seen, { pkceCodeVerifier: st.verifier, expectedState: st.state, expectedNonce: st.nonce, idTokenExpected: true });
      idToken = tokens.id_token;
    } catch (cause) {
      throw new SsoError('SSO_CODE_REFUSED', '登录凭据无效或已过期，请重新登录', { cause });
    }
    const meta = config.serverMetadata();
    if (!idToken || !meta.jwks_uri) throw new SsoError('SSO_NO_ID_TOKEN', 'OA 统一登录未返回身份令牌，请联系管理员检查单点登录配置');
    this.#jwks ??= createRemoteJWKSet(new URL(meta.jwks_uri));
    let claims: Record<string, unknown>;
    try {
      claims = (await jwtVerify(idToken, this.#jwks, { issuer: meta.issuer, audience: this.s.clientId })).payload;
    } catch (cause) {
      throw new SsoError('SSO_ID_TOKEN_INVALID', 'OA 返回的身份令牌未通过校验，请联系管理员', { cause });
    }
    const login = claims[this.s.claim ?? 'preferred_username'] ?? claims.sub;
    if (typeof login !== 'string' || !login) throw new SsoError('SSO_NO_LOGIN', `身份令牌中没有“${this.s.claim ?? 'preferred_username'}”，请联系管理员检查单点登录配置`);
    return { login };
  }

  async logoutUrl(returnTo: string) {
    const config = await this.#discover().catch(() => undefined);
    if (!config?.serverMetadata().end_session_endpoint) return undefined;
    return oidc.buildEndSessionUrl(config, { post_logout_redirect_uri: returnTo, client_id: this.s.clientId }).href;
  }
}
