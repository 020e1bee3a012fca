import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** Security header settings. */
export interface SecuritySettings {
  /** Origins allowed to frame Duban (the OA embedding it in an iframe); 'self' always. */
  frameAncestors?: string[];
  /** Origins allowed to call the API (also allowed to fetch the app's scripts when mounting it with qiankun). */
  corsOrigins?: string[];
  /** The inline scripts of the web app's index.html, allowed by their hashes (see `inlineScriptHashes`). */
  scriptHashes?: string[];
}

/**
 * The CSP hashes of a page's inline scripts: the built index.html sets the chunks' public path inline (a
 * qiankun host injects its own), and only that exact text may run — no 'unsafe-inline'.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (m[1]) hashes.add(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/**
 * Security headers on every answer: a Content-Security-Policy (scripts from Duban only, and the index's
 * inline script by its hash; styles inline because antd writes its CSS at run time; frame-ancestors from
 * the settings), X-Content-Type-Options and a referrer policy that keeps paths (and their task ids) from
 * other sites.
 */
export function installSecurityHeaders(app: FastifyInstance, s: SecuritySettings = {}): void {
  const ancestors = ["'self'", ...(s.frameAncestors ?? [])].join(' ');
  const connect = ["'self'", ...(s.corsOrigins ?? [])].join(' ');
  const csp = [
    "default-src 'self'",
    ["script-src 'self'", ...(s.scriptHashes ?? [])].join(' '),
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
