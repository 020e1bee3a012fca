import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HostAdapter } from '../../host/HostAdapter';
import type { DirectoryService, Principal } from '../directory/directory.service';
import { forbidden, unauthenticated } from '../errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user; set for every non-public /api route. */
    user: Principal;
  }
}

/** Routes that need no login. */
const PUBLIC = new Set(['/api/auth/demo-users', '/api/auth/login', '/api/openapi.json', '/api/health']);

/** Authenticate every /api request from its Bearer token (or `?token=` for downloads opened in a new tab). */
export function installAuth(app: FastifyInstance, host: HostAdapter, dir: DirectoryService): void {
  app.decorateRequest('user', null as unknown as Principal);
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const path = req.url.split('?')[0];
    if (!path.startsWith('/api/') || PUBLIC.has(path)) return;
    const header = req.headers.authorization;
    let token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) {
      const q = req.query as Record<string, unknown> | undefined;
      if (typeof q?.token === 'string') token = q.token;
    }
    if (!token) throw unauthenticated();
    const identity = await host.verifyToken(token);
    if (!identity) throw unauthenticated();
    const principal = dir.principal(identity.userId);
    if (!principal) throw unauthenticated();
    req.user = principal;
  });
}

/** Refuse unless the user is an administrator. */
export function requireAdmin(user: Principal): void {
  if (!user.isAdmin) throw forbidden('仅系统管理员可以进行此操作');
}
