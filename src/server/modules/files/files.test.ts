import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.js';
import { createTestContext, type TestContext } from '../../test/context.js';
import { addDays, buildWorld, multipart, newProject, SAMPLES, today, upload, type World } from '../followups/work.fixtures.js';

let t: TestContext;
let w: World;
let project: { id: number };

beforeAll(async () => {
  t = await createTestContext();
  w = await buildWorld(t);
  project = await newProject(t, w.staff.cookie, w.county.id);
});
afterAll(() => t.close());

/** Every object in the store and every temp file, to prove a refused upload left nothing behind. */
function storeContents(): { objects: string[]; temp: string[] } {
  const root = path.join(t.config.DATA_DIR, 'files');
  const objects: string[] = [];
  const temp: string[] = [];
  const walk = (dir: string) => {
    let entries: string[] = [];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else (path.relative(root, p).startsWith('tmp') ? temp : objects).push(p);
    }
  };
  walk(root);
  return { objects, temp };
}
async function fileRows(): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(t.database.db, sql`select count(*) as n from files`);
  return Number(row!.n);
}
const meta = (cookie: string, id: number) => t.request(cookie, { method: 'GET', url: `/api/files/${id}` });
const download = (cookie: string, id: number, query = '') => t.request(cookie, { method: 'GET', url: `/api/files/${id}/download${query}` });
const attachTo = (entity: string, id: number) => ({ entity, entityId: String(id) });

describe('upload and download', () => {
  it('stores a file attached to a project and serves it back byte for byte, Chinese name intact', async () => {
    const name = '招商引资合同（盖章版）2026.pdf';
    const res = await upload(t, w.staff.cookie, { filename: name, content: SAMPLES.pdf, type: 'application/pdf' }, attachTo('project', project.id));
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f).toMatchObject({
      filename: name,
      mimeType: 'application/pdf',
      size: SAMPLES.pdf.length,
      sha256: createHash('sha256').update(SAMPLES.pdf).digest('hex'),
      entity: 'project',
      entityId: project.id,
      unitId: w.county.id,
      uploadedBy: { id: w.staff.id },
    });
    const dl = await download(w.staff2.cookie, f.id);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(SAMPLES.pdf)).toBe(true);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    const disposition = String(dl.headers['content-disposition']);
    expect(disposition.startsWith('attachment; filename="')).toBe(true);
    expect(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)![1]!)).toBe(name);
    expect(String((await download(w.staff.cookie, f.id, '?inline=true')).headers['content-disposition'])).toMatch(/^inline;/);
    // The bureau above the county sees it too.
    expect((await meta(w.bureau.cookie, f.id)).json().filename).toBe(name);
  });

  it('serves what the bytes say, never what the browser claimed, and never inline for text', async () => {
    const png = await upload(t, w.staff.cookie, { filename: '现场照片.jpg', content: SAMPLES.png, type: 'text/html' }, attachTo('project', project.id));
    expect(png.json().mimeType).toBe('image/png');
    const dl = await download(w.staff.cookie, png.json().id, '?inline=1');
    expect(dl.headers['content-type']).toBe('image/png');
    expect(String(dl.headers['content-disposition'])).toMatch(/^inline;/);
    expect(String(dl.headers['content-security-policy'])).toContain('sandbox');
    const csv = await upload(t, w.staff.cookie, { filename: '项目清单.csv', content: SAMPLES.csv, type: 'text/html' }, attachTo('project', project.id));
    expect(csv.json().mimeType).toBe('text/csv');
    expect(String((await download(w.staff.cookie, csv.json().id, '?inline=true')).headers['content-disposition'])).toMatch(/^attachment;/);
  });
});

describe('refused uploads leave nothing behind', () => {
  it('refuses types outside the allow-list, and content that does not match its extension, with 415', async () => {
    const rows = await fileRows();
    const before = storeContents().objects.length;
    const cases = [
      { filename: 'setup.exe', content: SAMPLES.exe },
      { filename: '页面.html', content: Buffer.from('<html><script>alert(1)</script></html>') },
      { filename: 'logo.svg', content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') },
      { filename: 'app.js', content: Buffer.from('alert(1)') },
      { filename: '材料.zip', content: Buffer.from('PK\x03\x04rest') },
      { filename: '合同.pdf', content: SAMPLES.exe }, // an executable renamed .pdf
      { filename: '照片.png', content: Buffer.from('<svg onload=alert(1)>') },
    ];
    for (const c of cases) {
      const res = await upload(t, w.staff.cookie, c, attachTo('project', project.id));
      expect(res.statusCode, c.filename).toBe(415);
      expect(res.json().error).toMatchObject({ code: 'FILE_TYPE', details: [{ field: 'file' }] });
    }
    expect(await fileRows()).toBe(rows);
    expect(storeContents()).toEqual({ objects: expect.any(Array), temp: [] });
    expect(storeContents().objects.length).toBe(before);
  });

  it('refuses a file over the limit with 413, whether its length is declared or streamed', async () => {
    const set = await t.request(t.adminCookie, { method: 'PUT', url: '/api/settings', payload: { maxUploadMiB: 1 } });
    expect(set.statusCode, set.body).toBe(200);
    try {
      const rows = await fileRows();
      const before = storeContents().objects.length;
      const big = Buffer.concat([SAMPLES.pdf, randomBytes(1.5 * 1024 * 1024)]);
      // Declared: refused from Content-Length before the body is read.
      const declared = await upload(t, w.staff.cookie, { filename: '大文件.pdf', content: big });
      expect(declared.statusCode).toBe(413);
      expect(declared.json().error).toMatchObject({ code: 'FILE_TOO_LARGE', details: { maxMiB: 1 } });
      expect(declared.headers.connection).toBe('close');
      // Streamed without a length: cut off by the multipart limit while streaming.
      const body = multipart([{ name: 'file', filename: '大文件.pdf', content: big }]);
      const streamed = await t.request(w.staff.cookie, { method: 'POST', url: '/api/files', headers: body.headers, payload: Readable.from([body.payload]) });
      expect(streamed.statusCode, streamed.body).toBe(413);
      expect(streamed.json().error.code).toBe('FILE_TOO_LARGE');
      expect(await fileRows()).toBe(rows);
      expect(storeContents().temp).toEqual([]);
      expect(storeContents().objects.length).toBe(before);
      // Just under the limit is fine.
      const fits = await upload(t, w.staff.cookie, { filename: '刚好.pdf', content: Buffer.concat([SAMPLES.pdf, randomBytes(1024 * 1024 - SAMPLES.pdf.length)]) });
      expect(fits.statusCode, fits.body).toBe(200);
      expect(fits.json().size).toBe(1024 * 1024);
    } finally {
      await t.request(t.adminCookie, { method: 'PUT', url: '/api/settings', payload: { maxUploadMiB: 20 } });
    }
  });

  it('refuses malformed requests with clear 4xx answers', async () => {
    const json = await t.request(w.staff.cookie, { method: 'POST', url: '/api/files', payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const noFile = await t.request(w.staff.cookie, { method: 'POST', url: '/api/files', ...multipart([{ name: 'entity', value: 'project' }, { name: 'entityId', value: String(project.id) }]) });
    expect(noFile.json().error).toMatchObject({ code: 'FILE_MISSING', details: [{ field: 'file' }] });
    const two = await t.request(w.staff.cookie, {
      method: 'POST',
      url: '/api/files',
      ...multipart([
        { name: 'file', filename: 'a.pdf', content: SAMPLES.pdf },
        { name: 'file', filename: 'b.pdf', content: SAMPLES.pdf },
      ]),
    });
    expect(two.statusCode).toBe(400);
    const wrongField = await t.request(w.staff.cookie, { method: 'POST', url: '/api/files', ...multipart([{ name: 'upload', filename: 'a.pdf', content: SAMPLES.pdf }]) });
    expect(wrongField.json().error.details[0].field).toBe('upload');
    const empty = await upload(t, w.staff.cookie, { filename: 'empty.pdf', content: Buffer.alloc(0) });
    expect(empty.json().error.code).toBe('FILE_EMPTY');
    const half = await upload(t, w.staff.cookie, { filename: 'a.pdf', content: SAMPLES.pdf }, { entity: 'project' });
    expect(half.json().error.details[0].field).toBe('entityId');
    const badEntity = await upload(t, w.staff.cookie, { filename: 'a.pdf', content: SAMPLES.pdf }, { entity: 'user', entityId: '1' });
    expect(badEntity.json().error.details[0].field).toBe('entity');
    const unknownField = await upload(t, w.staff.cookie, { filename: 'a.pdf', content: SAMPLES.pdf }, { unitId: '1' });
    expect(unknownField.json().error).toMatchObject({ code: 'VALIDATION', details: [{ field: 'unitId', message: 'unknown field' }] });
    expect(storeContents().temp).toEqual([]);
  });
});

describe('who may see a file', () => {
  it('answers 404 to another county, and refuses attaching to a record the uploader cannot see', async () => {
    const f = (await upload(t, w.staff.cookie, { filename: '营业执照.png', content: SAMPLES.png }, attachTo('project', project.id))).json();
    expect((await meta(w.otherStaff.cookie, f.id)).statusCode).toBe(404);
    const dl = await download(w.otherStaff.cookie, f.id);
    expect(dl.statusCode).toBe(404);
    expect(dl.json().error.code).toBe('NOT_FOUND');
    const rows = await fileRows();
    const foreign = await upload(t, w.otherStaff.cookie, { filename: 'x.pdf', content: SAMPLES.pdf }, attachTo('project', project.id));
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error).toMatchObject({ code: 'REFERENCE_UNKNOWN', details: [{ field: 'entityId' }] });
    expect(await fileRows()).toBe(rows);
    expect((await t.request(w.otherStaff.cookie, { method: 'GET', url: `/api/projects/${project.id}/files` })).statusCode).toBe(404);
  });

  it('shows an unattached file to its uploader only, until it is attached', async () => {
    const f = (await upload(t, w.staff.cookie, { filename: '洽谈纪要.pdf', content: SAMPLES.pdf })).json();
    expect(f).toMatchObject({ entity: null, entityId: null, unitId: w.county.id });
    expect((await meta(w.staff.cookie, f.id)).statusCode).toBe(200);
    expect((await meta(w.staff2.cookie, f.id)).statusCode).toBe(404);
    expect((await meta(t.adminCookie, f.id)).statusCode).toBe(404);
    // Attached as evidence of a follow-up, the colleague sees it on the project.
    const p = await newProject(t, w.staff.cookie, w.county.id);
    const fu = await t.request(w.staff.cookie, {
      method: 'POST',
      url: `/api/projects/${p.id}/follow-ups`,
      payload: { date: today(), kind: 'negotiation', content: '第二轮洽谈', fileIds: [f.id] },
    });
    expect(fu.statusCode, fu.body).toBe(200);
    expect(fu.json().fileCount).toBe(1);
    expect((await meta(w.staff2.cookie, f.id)).json()).toMatchObject({ entity: 'follow_up', entityId: fu.json().id });
    // Nobody can attach it a second time, nor attach someone else's upload.
    const again = await t.request(w.staff.cookie, { method: 'POST', url: `/api/projects/${p.id}/follow-ups`, payload: { date: today(), kind: 'call', content: 'x', fileIds: [f.id] } });
    expect(again.json().error).toMatchObject({ code: 'EVIDENCE_UNKNOWN', details: [{ field: 'fileIds' }] });
    const listed = (await t.request(w.staff2.cookie, { method: 'GET', url: `/api/projects/${p.id}/files` })).json();
    expect(listed.items.map((x: { id: number }) => x.id)).toEqual([f.id]);
    // Deleting the follow-up moves its evidence to the project rather than orphaning it.
    expect((await t.request(w.staff.cookie, { method: 'DELETE', url: `/api/follow-ups/${fu.json().id}` })).statusCode).toBe(200);
    expect((await meta(w.staff2.cookie, f.id)).json()).toMatchObject({ entity: 'project', entityId: p.id });
  });

  it('lets a department see files of issues assigned to it, and nothing else of the project', async () => {
    const p = await newProject(t, w.staff.cookie, w.county.id);
    const projectFile = (await upload(t, w.staff.cookie, { filename: '可研报告.pdf', content: SAMPLES.pdf }, attachTo('project', p.id))).json();
    const issue = (
      await t.request(w.staff.cookie, {
        method: 'POST',
        url: `/api/projects/${p.id}/issues`,
        payload: { type: 'environment', title: '环评批复办理', departmentUnitId: w.dept.id, deadline: addDays(today(), 5) },
      })
    ).json();
    const issueFile = (await upload(t, w.staff.cookie, { filename: '环评报告.pdf', content: SAMPLES.pdf }, attachTo('issue', issue.id))).json();
    expect((await download(w.deptUser.cookie, issueFile.id)).statusCode).toBe(200);
    expect((await download(w.deptUser.cookie, projectFile.id)).statusCode).toBe(404);
    expect((await download(w.otherDeptUser.cookie, issueFile.id)).statusCode).toBe(404);
    // The department answers with its own evidence (uploaded first, attached with the answer).
    const reply = (await upload(t, w.deptUser.cookie, { filename: '批复文件.pdf', content: SAMPLES.pdf })).json();
    const answered = await t.request(w.deptUser.cookie, { method: 'POST', url: `/api/issues/${issue.id}/answer`, payload: { answer: '已批复', version: issue.version, fileIds: [reply.id] } });
    expect(answered.statusCode, answered.body).toBe(200);
    // The department's upload is filed under the project's unit, visible to the county.
    expect((await meta(w.staff.cookie, reply.id)).json()).toMatchObject({ entity: 'issue', entityId: issue.id, unitId: w.county.id });
    const all = (await t.request(w.staff.cookie, { method: 'GET', url: `/api/projects/${p.id}/files` })).json();
    expect(all.items.map((x: { id: number }) => x.id).sort()).toEqual([projectFile.id, issueFile.id, reply.id].sort());
  });

  it('follows a registration’s visibility: its referrer and staff in scope', async () => {
    const referrer = await t.createUser({ role: 'referrer', unitId: w.county.id });
    const otherReferrer = await t.createUser({ role: 'referrer', unitId: w.county.id });
    const reg = await t.request(referrer.cookie, {
      method: 'POST',
      url: '/api/referrals',
      payload: { investorName: `豫南${randomBytes(3).toString('hex')}食品有限公司`, projectIntent: '冷链仓储项目', referrerName: '陈先生', referrerKind: 'hometown' },
    });
    expect(reg.statusCode, reg.body).toBe(200);
    const f = await upload(t, referrer.cookie, { filename: '引荐说明.pdf', content: SAMPLES.pdf }, attachTo('referral', reg.json().id));
    expect(f.statusCode, f.body).toBe(200);
    expect((await download(referrer.cookie, f.json().id)).statusCode).toBe(200);
    expect((await download(w.staff.cookie, f.json().id)).statusCode).toBe(200);
    expect((await download(otherReferrer.cookie, f.json().id)).statusCode).toBe(404);
    expect((await download(w.otherStaff.cookie, f.json().id)).statusCode).toBe(404);
    expect((await download(w.deptUser.cookie, f.json().id)).statusCode).toBe(404);
  });
});
