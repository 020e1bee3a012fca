import { randomUUID } from 'node:crypto';
import {
  calculateJwkThumbprint,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importJWK,
  importPKCS8,
  type CryptoKey,
  type JWK,
  jwtVerify,
  SignJWT,
} from 'jose';

/**
 * Duban's session token: a JWT (RFC 7519) signed with HS256 (a secret shared with the host) or
 * ES256 (our own key pair, the public half published at `/.well-known/jwks.json`), so a host
 * written in any language verifies it, or mints one for its users, with an ordinary JWT library.
 */

/** Claims Duban reads from a session token. */
export interface SessionClaims {
  /** The person's id in Duban's directory. */
  sub: string;
  /** Token id, for sign-out. */
  jti: string;
  /** Issued at / expires at, in ms. */
  iat: number;
  exp: number;
  /** The sign-in that produced it: `demo`, `oidc`, `cas`, `host`. */
  amr?: string;
}

/** The issuer and audience of every Duban session token. */
export const TOKEN_ISSUER = 'duban';
export const TOKEN_AUDIENCE = 'duban';
/** How long a session token lasts unless configured: a working day. */
export const DEFAULT_TTL_MINUTES = 480;

/** How session tokens are signed. */
export type SessionKeyOptions =
  | { alg: 'HS256'; secret: string }
  /** An ES256 private key as PKCS#8 PEM; a fresh pair when absent (tokens then die with the process). */
  | { alg: 'ES256'; privateKeyPem?: string };

/** Issues and verifies Duban's session tokens. */
export class SessionTokens {
  readonly alg: 'HS256' | 'ES256';
  readonly #signKey: CryptoKey | Uint8Array;
  readonly #verifyKey: CryptoKey | Uint8Array;
  readonly #publicJwk?: JWK;
  readonly #ttlMs: number;
  readonly #now: () => number;

  private constructor(alg: 'HS256' | 'ES256', sign: CryptoKey | Uint8Array, verify: CryptoKey | Uint8Array, jwk: JWK | undefined, ttlMs: number, now: () => number) {
    this.alg = alg;
    this.#signKey = sign;
    this.#verifyKey = verify;
    this.#publicJwk = jwk;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /** Build from key options; `ttlMs` defaults to 8 h (a working day). */
  static async create(keys: SessionKeyOptions, options: { ttlMs?: number; now?: () => number } = {}): Promise<SessionTokens> {
    const ttl = options.ttlMs ?? DEFAULT_TTL_MINUTES * 60_000;
    const now = options.now ?? Date.now;
    if (keys.alg === 'HS256') {
      if (Buffer.byteLength(keys.secret) < 32) throw new Error('HS256 session secret must be at least 32 bytes');
      const secret = new TextEncoder().encode(keys.secret);
      return new SessionTokens('HS256', secret, secret, undefined, ttl, now);
    }
    const privateKey = keys.privateKeyPem
      ? await importPKCS8(keys.privateKeyPem, 'ES256', { extractable: true })
      : (await generateKeyPair('ES256', { extractable: true })).privateKey;
    const jwk = await exportJWK(privateKey);
    const pub: JWK = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
    pub.kid = await calculateJwkThumbprint(pub);
    pub.alg = 'ES256';
    pub.use = 'sig';
    const publicKey = (await importJWK(pub, 'ES256')) as CryptoKey;
    return new SessionTokens('ES256', privateKey, publicKey, pub, ttl, now);
  }

  /** A new ES256 private key as PKCS#8 PEM, to keep beside the data. */
  static async newEs256Pem(): Promise<string> {
    return exportPKCS8((await generateKeyPair('ES256', { extractable: true })).privateKey);
  }

  /** Token lifetime in ms. */
  get ttlMs(): number {
    return this.#ttlMs;
  }

  /** Issue a token for a person. */
  async issue(sub: string, amr = 'demo'): Promise<{ token: string; expiresAt: number; jti: string }> {
    const iat = this.#now();
    const exp = iat + this.#ttlMs;
    const jti = randomUUID();
    const jwt = new SignJWT({ amr })
      .setProtectedHeader(this.#publicJwk ? { alg: this.alg, kid: this.#publicJwk.kid, typ: 'JWT' } : { alg: this.alg, typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setJti(jti)
      .setIssuedAt(Math.floor(iat / 1000))
      .setExpirationTime(Math.floor(exp / 1000));
    return { token: await jwt.sign(this.#signKey), expiresAt: Math.floor(exp / 1000) * 1000, jti };
  }

  /** Verify signature, algorithm, issuer, audience and expiry; the claims, or null for any bad token. */
  async verify(token: string): Promise<SessionClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.#verifyKey, {
        algorithms: [this.alg],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        currentDate: new Date(this.#now()),
        requiredClaims: ['sub', 'exp'],
      });
      if (typeof payload.sub !== 'string' || !payload.sub) return null;
      return {
        sub: payload.sub,
        // A host-minted token may carry no jti: it then cannot be signed out one by one, only expire.
        jti: typeof payload.jti === 'string' ? payload.jti : '',
        iat: (payload.iat ?? 0) * 1000,
        exp: (payload.exp ?? 0) * 1000,
        amr: typeof payload.amr === 'string' ? payload.amr : undefined,
      };
    } catch {
      // Tampered, expired, another key, another algorithm, not a JWT: all the same to the caller.
      return null;
    }
  }

  /** Sign a short-lived value for Duban itself (the sign-in's state cookie); never accepted as a session. */
  async sign(payload: Record<string, unknown>, audience: string, ttlMs: number): Promise<string> {
    const now = this.#now();
    return new SignJWT(payload)
      .setProtectedHeader({ alg: this.alg })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(audience)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor((now + ttlMs) / 1000))
      .sign(this.#signKey);
  }

  /** Read a value made by `sign` for the same audience; null when bad or expired. */
  async open(token: string, audience: string): Promise<Record<string, unknown> | null> {
    try {
      return (await jwtVerify(token, this.#verifyKey, { algorithms: [this.alg], issuer: TOKEN_ISSUER, audience, currentDate: new Date(this.#now()) })).payload;
    } catch {
      // Bad or expired: the sign-in starts again.
      return null;
    }
  }

  /** The public keys as a JWK Set (ES256); empty for HS256, whose key is never published. */
  jwks(): { keys: JWK[] } {
    return { keys: this.#publicJwk ? [this.#publicJwk] : [] };
  }
}
