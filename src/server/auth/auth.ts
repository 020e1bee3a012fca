import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HostAdapter } from '../../host/HostAdapter';
import type { SessionClaims, SessionTokens } from '../../host/token';
import type { Db } from '../db/database';
import type { DirectoryService, Principal } from '../directory/directory.service';
import { forbidden, unauthenticated } from '../errors';
import { isRevoked } from './session.repository';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user; set for every non-public /api route. */
    user: Principal;
    /** The session token's claims (absent for a host's own token). */
    session?: SessionClaims;
  }
}

/** Routes that need no login (the pull API checks the host's API key itself). */
const PUBLIC = new Set(['/api/auth/demo-users', '/api/auth/login', '/api/auth/config', '/api/auth/sso/exchange', '/api/openapi.json', '/api/health']);
const PUBLIC_PREFIX = ['/api/host/'];

/** What authentication needs. */
export interface AuthDeps {
  db: Db;
  host: HostAdapter;
  dir: DirectoryService;
  tokens: SessionTokens;
}

/**
 * Authenticate every /api request from its Bearer token (or `?token=` for downloads opened in a new tab):
 * Duban's session JWT (not signed out), else a token of the host's own when the adapter verifies one.
 */
export function installAuth(app: FastifyInstance, deps: AuthDeps): void {
  app.decorateRequest('user', null as unknown as Principal);
  app.decorateRequest('session', undefined);
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const path = req.url.split('?')[0];
    if (!path.startsWith('/api/') || PUBLIC.has(path) || PUBLIC_PREFIX.some((p) => path.startsWith(p))) return;
    const header = req.headers.authorization;
    let token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) {
      const q = req.query as Record<string, unknown> | undefined;
      if (typeof q?.token === 'string') token = q.token;
    }
    if (!token) throw unauthenticated();
    let userId: string | undefined;
    const claims = await deps.tokens.verify(token);
    if (claims) {
      if (claims.jti && (await isRevoked(deps.db, claims.jti))) throw unauthenticated();
      userId = claims.sub;
      req.session = claims;
    } else if (deps.host.verifyToken) {
      userId = (await deps.host.verifyToken(token))?.userId;
    }
    if (!userId) throw unauthenticated();
    const principal = deps.dir.principal(userId);
    if (!principal) throw unauthenticated();
    req.user = principal;
  });
}

/** Refuse unless the user is an administrator. */
export function requireAdmin(user: Principal): void {
  if (!user.isAdmin) throw forbidden('仅系统管理员可以进行此操作');
}
