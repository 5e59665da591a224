import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, pageOf } from '../../../shared/api/common.js';
import { importCommitBody, importJob, importMappingBody, importRow, importRowsQuery } from '../../../shared/api/import.js';
import type { ModuleContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { getSettings } from '../settings/settings.service.js';
import { exportRoutes } from '../export/export.routes.js';
import { commitImportJob } from './import.commit.js';
import { createImportJob, updateImportMapping, type Upload } from './import.service.js';
import { listJobRows, loadJob, toJob } from './import.summary.js';
import { waitForTasks } from './import.tasks.js';

const MiB = 1024 * 1024;

function tooLarge(maxBytes: number) {
  return new AppError('FILE_TOO_LARGE', 413, { maxBytes, maxMiB: Math.floor(maxBytes / MiB) }, { connection: 'close' });
}

/** Stream the one uploaded file to a temp file on the store's disk, hashing and counting on the way. */
async function receiveWorkbook(req: FastifyRequest, tempDir: string, maxBytes: number): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, [{ field: 'content-type', message: 'multipart/form-data' }]);
  const tempPath = path.join(tempDir, `${randomUUID()}.part`);
  try {
    const part = await req.file({ limits: { fileSize: maxBytes, files: 1, fields: 4, parts: 5 } });
    if (!part) throw new AppError('IMPORT_NO_FILE', 400);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    await pipeline(part.file, meter, createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
    if (part.file.truncated) throw tooLarge(maxBytes);
    if (size === 0) throw new AppError('IMPORT_BAD_FILE', 400, [{ field: 'file', message: 'empty file' }]);
    return { tempPath, filename: part.filename, size, sha256: hash.digest('hex') };
  } catch (err) {
    await rm(tempPath, { force: true });
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
    if (err instanceof AppError) throw err;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new AppError('VALIDATION', 400, [{ field: 'file', message: 'one file per request' }]);
    if (err instanceof Error && /multipart|boundary|unexpected end/i.test(err.message)) throw new AppError('VALIDATION', 400, [{ field: 'body', message: 'malformed multipart body' }]);
    throw err;
  }
}

export async function importRoutes(app: FastifyInstance, ctx: ModuleContext) {
  const { db, storage } = ctx;
  // Multipart parsing only inside this plugin (fastify-plugin wrapped: it decorates this context).
  if (!app.hasContentTypeParser('multipart/form-data')) await app.register(fastifyMultipart, { throwFileSizeLimit: true });
  // Background previews and commits finish (or record their failure) before the database closes.
  app.addHook('onClose', async () => waitForTasks());

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['import'];
  const deps = { db, storage };

  r.post(
    '/api/import/projects',
    {
      config: { permission: 'import.write' },
      schema: {
        tags,
        summary:
          '导入项目台账（预览）Upload an .xlsx ledger: maps columns and validates every row into a preview job; nothing is written to the ledger yet. Files over 1 MiB are read in the background (202, status analysing; poll the job)',
        consumes: ['multipart/form-data'],
        response: { 200: importJob, 202: importJob },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { maxUploadMiB } = await getSettings(db);
      const upload = await receiveWorkbook(req, await storage.tempDir(), maxUploadMiB * MiB);
      const result = await createImportJob(deps, actor, upload, req.log);
      return reply.status(result.isBackground ? 202 : 200).send(result.job);
    },
  );
  r.get(
    '/api/import/jobs/:id',
    {
      config: { permission: 'import.write' },
      schema: { tags, summary: '导入任务 The job: columns, counts, status, progress (its creator, or bureau staff over the creator’s unit)', params: idParam, response: { 200: importJob } },
    },
    async (req) => toJob(await loadJob(db, actorOf(req), req.params.id)),
  );
  r.get(
    '/api/import/jobs/:id/rows',
    {
      config: { permission: 'import.write' },
      schema: { tags, summary: '预览明细 Row results, paged, filtered by action (e.g. ?status=error)', params: idParam, querystring: importRowsQuery, response: { 200: pageOf(importRow) } },
    },
    async (req) => listJobRows(db, actorOf(req), req.params.id, req.query, req.lang),
  );
  r.put(
    '/api/import/jobs/:id/mapping',
    {
      config: { permission: 'import.write' },
      schema: {
        tags,
        summary: '列映射 Map columns by hand { mapping: { header: field | null } }; re-validates and remembers the mapping for later files',
        params: idParam,
        body: importMappingBody,
        response: { 200: importJob },
      },
    },
    async (req) => updateImportMapping(deps, actorOf(req), req.params.id, req.body.mapping),
  );
  r.post(
    '/api/import/jobs/:id/commit',
    {
      config: { permission: 'import.write' },
      schema: {
        tags,
        summary: '提交导入 Commit: ≤1,000 rows to write in one transaction (200, done); more in batches of 200 in the background (202, poll the job)',
        params: idParam,
        body: importCommitBody,
        response: { 200: importJob, 202: importJob },
      },
    },
    async (req, reply) => {
      const result = await commitImportJob(deps, actorOf(req), req.params.id, req.body, req.log);
      return reply.status(result.isBackground ? 202 : 200).send(result.job);
    },
  );

  await exportRoutes(app, ctx);
}
