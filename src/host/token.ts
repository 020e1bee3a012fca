import { createHmac, timingSafeEqual } from 'node:crypto';

/** Claims carried by a Duban demo/embedded token. */
export interface TokenClaims {
  sub: string;
  iat: number;
  exp: number;
}

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');

/** Sign claims with HMAC-SHA256: `base64url(json).base64url(mac)`. */
export function signToken(claims: TokenClaims, secret: string): string {
  const body = b64(JSON.stringify(claims));
  const mac = createHmac('sha256', secret).update(body).digest();
  return `${body}.${b64(mac)}`;
}

/** Verify a token's MAC and expiry; returns its claims or null. */
export function verifyToken(token: string, secret: string, now: number): TokenClaims | null {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
  const body = token.slice(0, dot);
  const mac = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = createHmac('sha256', secret).update(body).digest();
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return null;
  let claims: TokenClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    // A token whose body is not JSON cannot be ours even if the MAC matched by chance.
    return null;
  }
  if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || claims.exp <= now) return null;
  return claims;
}
