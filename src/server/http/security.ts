import type { FastifyInstance } from 'fastify';

/** Security header settings. */
export interface SecuritySettings {
  /** Origins allowed to frame Duban (the OA embedding it in an iframe); 'self' always. */
  frameAncestors?: string[];
  /** Origins allowed to call the API (also allowed to fetch the app's scripts when mounting it with qiankun). */
  corsOrigins?: string[];
}

/**
 * Security headers on every answer: a Content-Security-Policy (scripts from Duban only; styles inline
 * because antd writes its CSS at run time; frame-ancestors from the settings), X-Content-Type-Options and a
 * referrer policy that keeps paths (and their task ids) from other sites.
 */
export function installSecurityHeaders(app: FastifyInstance, s: SecuritySettings = {}): void {
  const ancestors = ["'self'", ...(s.frameAncestors ?? [])].join(' ');
  const connect = ["'self'", ...(s.corsOrigins ?? [])].join(' ');
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
  app.addHook('onSend', async (_req, reply) => {
    reply.header('content-security-policy', csp);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
  });
}
