import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { and, desc, eq } from 'drizzle-orm';
import { UPLOAD_TYPES, uploadFields, type FileMeta } from '../../../shared/api/files.js';
import type { Actor } from '../../actor.js';
import { countAll, type Db, type Executor } from '../../db/client.js';
import { files, users } from '../../db/schema/index.js';
import { AppError, fieldError } from '../../errors.js';
import type { FileStorage } from '../../storage/storage.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireProjectDetails } from '../followups/followups.service.js';
import { canReadFile, findVisibleRecord, projectFilesCondition } from './files.access.js';
import { readTail, type ReceivedFile } from './files.receive.js';
import { cleanFilename, detectType } from './files.sniff.js';

type FileRow = typeof files.$inferSelect;

function selectFiles(db: Executor) {
  return db
    .select({ f: files, uploaderName: users.displayName })
    .from(files)
    .leftJoin(users, eq(users.id, files.uploadedBy));
}

function toMeta(r: { f: FileRow; uploaderName: string | null }): FileMeta {
  const f = r.f;
  return {
    id: f.id,
    filename: f.filename,
    mimeType: f.mimeType,
    size: f.size,
    sha256: f.sha256,
    entity: f.entity,
    entityId: f.entityId,
    unitId: f.unitId,
    uploadedBy: { id: f.uploadedBy, displayName: r.uploaderName ?? '' },
    createdAt: f.createdAt.toISOString(),
  };
}

/** A storage key: random, never derived from user input. */
function newKey(now = new Date()): string {
  const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  return `${month}/${randomUUID().replace(/-/g, '')}`;
}

/**
 * Check a received upload (fields, emptiness, type, the record to attach it to), then record it
 * and move it into the store in one transaction. Whatever fails, the temp file is removed and no
 * row or stored object is left behind.
 */
export async function storeUpload(db: Db, storage: FileStorage, actor: Actor, received: ReceivedFile | null, rawFields: Record<string, string>): Promise<FileMeta> {
  if (!received) throw fieldError('FILE_MISSING', 'file');
  const key = newKey();
  let stored = false;
  let committed = false;
  try {
    const parsed = uploadFields.safeParse(rawFields);
    if (!parsed.success) {
      throw new AppError(
        'VALIDATION',
        400,
        parsed.error.issues.flatMap((i) =>
          i.code === 'unrecognized_keys' ? i.keys.map((k) => ({ field: k, message: 'unknown field' })) : [{ field: i.path.map(String).join('.') || 'body', message: i.message }],
        ),
      );
    }
    const { entity, entityId } = parsed.data;
    if (received.size === 0) throw fieldError('FILE_EMPTY', 'file');
    const filename = cleanFilename(received.filename);
    const tail = await readTail(received.tempPath, received.size);
    const type = detectType(filename, received.head, tail, received.hasNul);
    if (!type.ok) {
      throw new AppError('FILE_TYPE', 415, [{ field: 'file', message: type.reason === 'extension' ? 'extension not allowed' : 'content does not match the extension', allowed: Object.keys(UPLOAD_TYPES) }]);
    }
    let unitId = actor.unitId;
    if (entity && entityId) {
      const record = await findVisibleRecord(db, actor, entity, entityId);
      if (!record) throw fieldError('REFERENCE_UNKNOWN', 'entityId', 404);
      unitId = record.unitId;
    }
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(files)
        .values({
          storageKey: key,
          filename,
          mimeType: type.mimeType,
          size: received.size,
          sha256: received.sha256,
          unitId,
          entity: entity ?? null,
          entityId: entityId ?? null,
          uploadedBy: actor.id,
        })
        .returning();
      await recordAudit(tx, actor, { action: 'upload', entity: 'file', entityId: row!.id, unitId, after: row });
      // Last step inside the transaction: if the move fails, the row is rolled back.
      await storage.putFile(key, received.tempPath);
      stored = true;
      return row!.id;
    });
    committed = true;
    return await getFileMeta(db, actor, id);
  } finally {
    await rm(received.tempPath, { force: true });
    if (stored && !committed) await storage.delete(key).catch(() => undefined);
  }
}

async function loadReadable(db: Executor, actor: Actor, id: number) {
  const [row] = await selectFiles(db).where(eq(files.id, id));
  if (!row || !(await canReadFile(db, actor, row.f))) throw new AppError('NOT_FOUND', 404);
  return row;
}

export async function getFileMeta(db: Executor, actor: Actor, id: number): Promise<FileMeta> {
  return toMeta(await loadReadable(db, actor, id));
}

/** The file's metadata and a stream of its content, for a reader who may see it. */
export async function openFile(db: Executor, storage: FileStorage, actor: Actor, id: number): Promise<{ meta: FileMeta; stream: Readable }> {
  const row = await loadReadable(db, actor, id);
  if (!(await storage.exists(row.f.storageKey))) {
    // A row without its object is our fault, not the reader's; say "not found" and leave a trace.
    throw new AppError('NOT_FOUND', 404, [{ message: 'stored object missing' }]);
  }
  return { meta: toMeta(row), stream: await storage.get(row.f.storageKey) };
}

/** Files of a project and of its transitions, follow-ups and coordination issues, newest first. */
export async function listProjectFiles(db: Executor, actor: Actor, projectId: number, q: { page: number; pageSize: number }) {
  await requireProjectDetails(db, actor, projectId);
  const where = projectFilesCondition(projectId);
  const [rows, [total]] = await Promise.all([
    selectFiles(db)
      .where(where)
      .orderBy(desc(files.createdAt), desc(files.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: countAll }).from(files).where(and(where)),
  ]);
  return { items: rows.map(toMeta), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}
