import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * Send a file as a download. `Content-Disposition` names it per RFC 6266 / 5987: a plain
 * ASCII `filename` always, and `filename*` with the UTF-8 name when it has Chinese (or other
 * non-ASCII) characters.
 */
export function sendFile(reply: FastifyReply, name: string, mime: string, body: Buffer | Readable) {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const disposition = ascii === name ? `attachment; filename="${ascii}"` : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
  return reply.header('content-type', mime).header('content-disposition', disposition).header('x-content-type-options', 'nosniff').send(body);
}
