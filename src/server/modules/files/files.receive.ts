import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import { HEAD_BYTES, TAIL_BYTES } from './files.sniff.js';

/*
 * Receive one multipart upload into a temporary file on the store's filesystem, hashing (sha256)
 * and counting bytes on the way. The size limit is enforced while streaming: the moment busboy
 * reports the file passed it, the transfer is cut, the partial temp file removed and 413 answered
 * with `Connection: close`, so a 200 MB upload writes at most the limit to disk, and only briefly.
 */

export const MiB = 1024 * 1024;
/** Room for the multipart boundaries, part headers and the two small fields. */
export const MULTIPART_OVERHEAD = 64 * 1024;

export interface ReceivedFile {
  tempPath: string;
  filename: string;
  size: number;
  sha256: string;
  head: Buffer;
  hasNul: boolean;
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError('FILE_TOO_LARGE', 413, { maxBytes, maxMiB: Math.floor(maxBytes / MiB) }, { connection: 'close' });
}

const invalid = (field: string, message: string) => new AppError('VALIDATION', 400, [{ field, message }]);

/** @fastify/multipart and busboy errors, in our vocabulary. */
function translate(err: unknown, maxBytes: number): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(maxBytes);
    case 'FST_FILES_LIMIT':
      return invalid('file', 'one file per request');
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return invalid('body', 'too many fields');
    case 'FST_PROTO_VIOLATION':
      return invalid('body', 'field name not allowed');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 415, [{ field: 'content-type', message: 'multipart/form-data' }]);
    case 'FST_MP_PREMATURE_CLOSE':
      return invalid('body', 'the upload was interrupted');
  }
  // Busboy's own parse errors (no boundary, truncated form…) carry no code.
  if (err instanceof Error && /multipart|boundary|unexpected end/i.test(err.message)) return invalid('body', 'malformed multipart body');
  return err;
}

async function receiveFile(part: MultipartFile, dir: string, maxBytes: number): Promise<ReceivedFile> {
  const tempPath = path.join(dir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  let hasNul = false;
  // Cut the transfer as soon as the limit is passed, rather than reading the rest to discard it.
  part.file.once('limit', () => part.file.destroy(tooLarge(maxBytes)));
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      hash.update(chunk);
      if (headLength < HEAD_BYTES) {
        const piece = chunk.subarray(0, HEAD_BYTES - headLength);
        headChunks.push(piece);
        headLength += piece.length;
      }
      if (!hasNul && chunk.includes(0)) hasNul = true;
      callback(null, chunk);
    },
  });
  try {
    await pipeline(part.file, meter, createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
    if (part.file.truncated) throw tooLarge(maxBytes);
  } catch (err) {
    await rm(tempPath, { force: true });
    throw err;
  }
  return { tempPath, filename: part.filename, size, sha256: hash.digest('hex'), head: Buffer.concat(headChunks), hasNul };
}

/**
 * Read the request's parts: exactly one file in field `file`, plus small text fields. On any
 * failure nothing is left behind on disk.
 */
export async function receiveUpload(req: FastifyRequest, tempDir: string, maxBytes: number): Promise<{ file: ReceivedFile | null; fields: Record<string, string> }> {
  let file: ReceivedFile | null = null;
  const fields: Record<string, string> = {};
  try {
    const parts = req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 4, parts: 6, fieldSize: 200, headerPairs: 20 } });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw invalid(part.fieldname, 'files go in the field "file"');
        }
        file = await receiveFile(part, tempDir, maxBytes);
      } else {
        if (part.valueTruncated || typeof part.value !== 'string') throw invalid(part.fieldname, 'value too long');
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    if (file) await rm(file.tempPath, { force: true });
    throw translate(err, maxBytes);
  }
  return { file, fields };
}

/** The last TAIL_BYTES of a file (all of it when smaller). */
export async function readTail(filePath: string, size: number): Promise<Buffer> {
  const length = Math.min(size, TAIL_BYTES);
  const handle = await open(filePath, 'r');
  try {
    const buf = Buffer.alloc(length);
    await handle.read(buf, 0, length, size - length);
    return buf;
  } finally {
    await handle.close();
  }
}
