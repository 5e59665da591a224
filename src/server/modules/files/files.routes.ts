import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, pageOf } from '../../../shared/api/common.js';
import { downloadQuery, fileMeta, projectFilesQuery } from '../../../shared/api/files.js';
import type { ModuleContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { getSettings } from '../settings/settings.service.js';
import { MiB, MULTIPART_OVERHEAD, receiveUpload, tooLarge } from './files.receive.js';
import { getFileMeta, listProjectFiles, openFile, storeUpload } from './files.service.js';
import { contentDisposition, isInlineType } from './files.sniff.js';

export async function fileRoutes(app: FastifyInstance, { db, storage }: ModuleContext) {
  // Multipart parsing exists only inside this plugin: every other route keeps refusing
  // multipart bodies with 415. (The plugin is fastify-plugin wrapped, so it decorates the
  // context it is registered in — this module's — and not the whole app.)
  if (!app.hasContentTypeParser('multipart/form-data')) await app.register(fastifyMultipart, { throwFileSizeLimit: true });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['files'];

  /**
   * Refuse before reading a byte of the body: not multipart → 415; a declared length over the
   * limit → 413 (and the connection is closed, so the client stops sending). Runs after sign-in
   * and permission checks. Fastify's bodyLimit does not apply to multipart (the parser never
   * buffers the body), so the limit is this check plus busboy's fileSize while streaming.
   */
  async function precheck(req: FastifyRequest) {
    const type = req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data\s*;/i.test(type)) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, [{ field: 'content-type', message: 'multipart/form-data' }]);
    }
    const declared = Number(req.headers['content-length']);
    const { maxUploadMiB } = await getSettings(db);
    if (Number.isFinite(declared) && declared > maxUploadMiB * MiB + MULTIPART_OVERHEAD) throw tooLarge(maxUploadMiB * MiB);
  }

  r.post(
    '/api/files',
    {
      config: { permission: 'files.write' },
      // Only non-multipart parsers read the body through Fastify, and precheck refuses those.
      bodyLimit: MULTIPART_OVERHEAD,
      onRequest: precheck,
      schema: {
        tags,
        summary: '上传文件 Upload one file (multipart: file, optional entity + entityId to attach it)',
        consumes: ['multipart/form-data'],
        response: { 200: fileMeta },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { maxUploadMiB } = await getSettings(db);
      const { file, fields } = await receiveUpload(req, await storage.tempDir(), maxUploadMiB * MiB);
      return storeUpload(db, storage, actor, file, fields);
    },
  );
  r.get(
    '/api/files/:id',
    { config: { permission: 'files.read' }, schema: { tags, summary: '文件信息 File metadata (if you can see its record)', params: idParam, response: { 200: fileMeta } } },
    async (req) => getFileMeta(db, actorOf(req), req.params.id),
  );
  r.get(
    '/api/files/:id/download',
    {
      config: { permission: 'files.read' },
      schema: {
        tags,
        summary: '下载文件 Download (if you can see its record)',
        params: idParam,
        querystring: downloadQuery,
        // The bytes as stored; Content-Type is the file's own (application/pdf, image/png, …).
        response: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: z.any().describe('the file’s bytes') } } } },
      },
    },
    async (req, reply) => {
      const { meta, stream } = await openFile(db, storage, actorOf(req), req.params.id);
      const inline = Boolean(req.query.inline) && isInlineType(meta.mimeType);
      reply
        .header('content-type', meta.mimeType)
        .header('content-length', String(meta.size))
        .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', meta.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store');
      // An image shown inline runs nothing; Chrome's PDF viewer does not work in a sandbox.
      if (meta.mimeType !== 'application/pdf') reply.header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
      return reply.send(stream);
    },
  );
  r.get(
    '/api/projects/:id/files',
    {
      config: { permission: 'projects.read' },
      schema: { tags, summary: '项目附件 Files of a project and its stage changes, follow-ups and issues', params: idParam, querystring: projectFilesQuery, response: { 200: pageOf(fileMeta) } },
    },
    async (req) => listProjectFiles(db, actorOf(req), req.params.id, req.query),
  );
}
