import { z } from 'zod';
import { dbIdQuery, pageQuery, queryBool } from './common.js';

// Files (issue item 8): evidence and attachments, uploaded as multipart, stored behind the storage
// interface, downloadable only by those who can see the record they are attached to.

/**
 * The upload allow-list: extension → the content type served. A file is accepted only when its
 * extension is listed AND its first bytes match (see files.sniff.ts on the server).
 * GIF and WebP are in: raster images, nothing in them runs. Legacy .doc/.xls/.ppt are in because
 * 政府 offices still exchange them daily (they are always served as downloads, never inline).
 * Left out on purpose: archives (zip/rar/7z — their contents escape the allow-list, attach the
 * files themselves), HTML/SVG/JS (active content), executables, and HEIC (browsers cannot show it).
 */
export const UPLOAD_TYPES = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  txt: 'text/plain',
  csv: 'text/csv',
} as const;
export type UploadExtension = keyof typeof UPLOAD_TYPES;

/** For an <input accept>: ".pdf,.jpg,…" */
export const UPLOAD_ACCEPT = Object.keys(UPLOAD_TYPES)
  .map((e) => `.${e}`)
  .join(',');

/** The records a file can be attached to. */
export const FILE_ENTITIES = ['project', 'transition', 'follow_up', 'referral', 'issue', 'fund_tranche'] as const;
export type FileEntity = (typeof FILE_ENTITIES)[number];

/** The non-file fields of POST /api/files (multipart): attach at once to a record the uploader can see. */
export const uploadFields = z
  .strictObject({
    entity: z.enum(FILE_ENTITIES).optional(),
    entityId: dbIdQuery.optional(),
  })
  .refine((f) => (f.entity === undefined) === (f.entityId === undefined), {
    message: 'entity and entityId go together',
    path: ['entityId'],
  });

export const fileMeta = z.object({
  id: z.number().int(),
  filename: z.string(),
  mimeType: z.string(),
  /** Bytes. */
  size: z.number().int(),
  sha256: z.string(),
  entity: z.string().nullable(),
  entityId: z.number().int().nullable(),
  unitId: z.number().int(),
  uploadedBy: z.object({ id: z.number().int(), displayName: z.string() }),
  createdAt: z.string(),
});
export type FileMeta = z.infer<typeof fileMeta>;

export const projectFilesQuery = z.strictObject({ ...pageQuery });

export const downloadQuery = z.strictObject({
  /** Show in the browser instead of saving (images and PDF only; other types are always attachments). */
  inline: queryBool.optional(),
});
