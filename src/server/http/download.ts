import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/** The media types of the files the API writes. */
export const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** The OpenAPI response of a route that answers with a file. */
export function fileResponse(kind: keyof typeof MIME, description: string) {
  return { description, content: { [MIME[kind]]: { schema: z.any().describe(`.${kind} bytes`) } } };
}

/**
 * Headers for a download: a Chinese file name survives in `filename*` (RFC 6266), with an ASCII
 * fallback for old clients; never cached, never sniffed.
 */
export function setAttachment(reply: FastifyReply, kind: keyof typeof MIME, filename: string): FastifyReply {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, "'");
  return reply
    .header('content-type', MIME[kind])
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff');
}

/** Answer with a file built in memory. */
export function sendFile(reply: FastifyReply, kind: keyof typeof MIME, filename: string, body: Buffer) {
  return setAttachment(reply, kind, filename).send(body);
}
