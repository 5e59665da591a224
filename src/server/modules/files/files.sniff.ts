import { UPLOAD_TYPES, type UploadExtension } from '../../../shared/api/files.js';

/*
 * What an uploaded file is, judged by its extension AND its first bytes (magic numbers): a
 * renamed executable or an HTML page called "合同.pdf" is refused. The type we serve comes from
 * this table, never from the browser's Content-Type header.
 */

export const HEAD_BYTES = 8192;
/** Read from the end of ZIP-based files, where the central directory lists every entry name. */
export const TAIL_BYTES = 256 * 1024;

const IMAGE_EXTS = new Set<UploadExtension>(['jpg', 'jpeg', 'png', 'gif', 'webp']);
const OLE_EXTS = new Set<UploadExtension>(['doc', 'xls', 'ppt']);
const OOXML_MARKER: Partial<Record<UploadExtension, string>> = { docx: 'word/', xlsx: 'xl/', pptx: 'ppt/' };

const startsWith = (buf: Buffer, bytes: number[], at = 0) => bytes.every((b, i) => buf[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image type the bytes say, if any. */
function sniffImage(head: Buffer): string | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

const BINARY_SIGNATURES = [
  [0x4d, 0x5a], // MZ: Windows executable
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x50, 0x4b, 0x03, 0x04], // ZIP
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0xd0, 0xcf, 0x11, 0xe0], // OLE
];

/** Plain text: no NUL bytes (unless UTF-16 with a byte-order mark) and not a known binary format. */
function isText(head: Buffer, hasNul: boolean): boolean {
  const utf16 = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
  if (hasNul && !utf16) return false;
  return !BINARY_SIGNATURES.some((sig) => startsWith(head, sig));
}

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
}

export type Detection = { ok: true; mimeType: string } | { ok: false; reason: 'extension' | 'content' };

/**
 * `head`: the first HEAD_BYTES; `tail`: the last TAIL_BYTES (or the whole file if smaller);
 * `hasNul`: whether any byte of the file was 0.
 */
export function detectType(filename: string, head: Buffer, tail: Buffer, hasNul: boolean): Detection {
  const ext = extensionOf(filename);
  if (!Object.hasOwn(UPLOAD_TYPES, ext)) return { ok: false, reason: 'extension' };
  const e = ext as UploadExtension;
  if (IMAGE_EXTS.has(e)) {
    // A photo saved as .jpg that is really a PNG is still a photo: serve what the bytes say.
    const image = sniffImage(head);
    return image ? { ok: true, mimeType: image } : { ok: false, reason: 'content' };
  }
  const ok = (): Detection => ({ ok: true, mimeType: UPLOAD_TYPES[e] });
  if (e === 'pdf') return startsWith(head, ascii('%PDF-')) ? ok() : { ok: false, reason: 'content' };
  // Word/Excel/PowerPoint 97–2003 share one container (OLE2); which of the three is not checked.
  if (OLE_EXTS.has(e)) return startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) ? ok() : { ok: false, reason: 'content' };
  const marker = OOXML_MARKER[e];
  if (marker) {
    if (!startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { ok: false, reason: 'content' };
    const names = head.toString('latin1') + tail.toString('latin1');
    return names.includes('[Content_Types].xml') && names.includes(marker) ? ok() : { ok: false, reason: 'content' };
  }
  // txt, csv
  return isText(head, hasNul) ? ok() : { ok: false, reason: 'content' };
}

/** Images and PDF may be shown in the browser; everything else is always a download. */
export function isInlineType(mimeType: string): boolean {
  return mimeType.startsWith('image/') || mimeType === 'application/pdf';
}

// eslint-disable-next-line no-control-regex
const UNSAFE_NAME = /[\u0000-\u001f\u007f-\u009f/\\:*?"<>|\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** A display filename: no path, no control or bidi characters, at most 200 characters, extension kept. */
export function cleanFilename(raw: string): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = base.replace(UNSAFE_NAME, '_').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  const chars = [...name];
  if (chars.length > 200) {
    const ext = extensionOf(name);
    const keep = ext && ext.length <= 10 ? `.${ext}` : '';
    name = chars.slice(0, 200 - keep.length).join('') + keep;
  }
  return name || 'file';
}

/** Content-Disposition with an ASCII fallback and the exact name in RFC 5987/6266 filename*. */
export function contentDisposition(kind: 'inline' | 'attachment', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
