import { describe, expect, it } from 'vitest';
import { cleanFilename, contentDisposition, detectType } from './files.sniff.js';

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpg = Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0, 0]);
const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
const zipHead = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('\0\0[Content_Types].xml')]);
const none = Buffer.alloc(0);

describe('detectType', () => {
  it.each([
    ['合同.pdf', Buffer.from('%PDF-1.7\n'), none, false, 'application/pdf'],
    ['现场.JPG', jpg, none, true, 'image/jpeg'],
    ['现场.jpg', png, none, true, 'image/png'], // a PNG saved as .jpg is served as what it is
    ['动图.gif', Buffer.from('GIF89a\x01\x00'), none, false, 'image/gif'],
    ['照片.webp', Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 '), none, false, 'image/webp'],
    ['台账.xls', ole, none, true, 'application/vnd.ms-excel'],
    ['报告.doc', ole, none, true, 'application/msword'],
    ['报告.docx', zipHead, Buffer.from('word/document.xml'), true, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['台账.xlsx', zipHead, Buffer.from('xl/workbook.xml'), true, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['推介.pptx', zipHead, Buffer.from('ppt/presentation.xml'), true, 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['名单.csv', Buffer.from('名称,金额\n', 'utf8'), none, false, 'text/csv'],
    ['说明.txt', Buffer.from([0xff, 0xfe, 0x2f, 0x00]), none, true, 'text/plain'], // UTF-16 with BOM
  ])('accepts %s', (name, head, tail, hasNul, mime) => {
    expect(detectType(name, head, tail, hasNul)).toEqual({ ok: true, mimeType: mime });
  });

  it.each([
    ['setup.exe', Buffer.from('MZ'), 'extension'],
    ['page.html', Buffer.from('<html>'), 'extension'],
    ['logo.svg', Buffer.from('<svg>'), 'extension'],
    ['app.js', Buffer.from('alert(1)'), 'extension'],
    ['材料.zip', zipHead, 'extension'],
    ['noextension', Buffer.from('%PDF-'), 'extension'],
    ['合同.pdf', Buffer.from('MZ\x90\x00'), 'content'], // renamed executable
    ['合同.pdf', Buffer.from('<html><script>'), 'content'],
    ['照片.png', Buffer.from('<svg onload=alert(1)>'), 'content'],
    ['报告.docx', zipHead, 'content'], // a zip without word/ entries
    ['台账.xlsx', Buffer.from('PK\x05\x06'), 'content'],
    ['名单.csv', Buffer.from('MZ\x90\x00'), 'content'],
  ])('refuses %s (%#)', (name, head, reason) => {
    const hasNul = head.includes(0);
    expect(detectType(name, head, name.endsWith('.docx') ? Buffer.from('xl/workbook.xml') : none, hasNul)).toEqual({ ok: false, reason });
  });

  it('refuses text with NUL bytes (a binary renamed .txt)', () => {
    expect(detectType('a.txt', Buffer.from('abc'), none, true)).toEqual({ ok: false, reason: 'content' });
  });
});

describe('filenames', () => {
  it('keeps Chinese names and strips paths, control and bidi characters', () => {
    expect(cleanFilename('招商引资合同（盖章版）.pdf')).toBe('招商引资合同（盖章版）.pdf');
    expect(cleanFilename('C:\\Users\\王\\Desktop\\现场照片.jpg')).toBe('现场照片.jpg');
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('evil\u202Efdp.exe')).toBe('evil_fdp.exe');
    expect(cleanFilename('a\u0000b.txt')).toBe('a_b.txt');
    expect(cleanFilename('...')).toBe('file');
    const long = cleanFilename(`${'长'.repeat(300)}.pdf`);
    expect([...long]).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('writes Content-Disposition with an ASCII fallback and an RFC 5987 UTF-8 name', () => {
    const header = contentDisposition('attachment', '项目"合同" 100%.pdf');
    expect(header).toBe(`attachment; filename="______ 100_.pdf"; filename*=UTF-8''${encodeURIComponent('项目"合同" 100%.pdf')}`);
    const star = /filename\*=UTF-8''(.+)$/.exec(header)![1]!;
    expect(decodeURIComponent(star)).toBe('项目"合同" 100%.pdf');
    expect(contentDisposition('inline', "it's (1).png")).toContain("filename*=UTF-8''it%27s%20%281%29.png");
  });
});
