import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { idParam, okResponse } from '../../../shared/api/common.js';
import { builtinParams, createMapBody, featureCollection, MAP_MAX_BYTES, mapDetail, mapList, updateMapBody } from '../../../shared/api/maps.js';
import type { ModuleContext } from '../../context.js';
import { AppError, notFound } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { tooLarge } from '../files/files.receive.js';
import { builtinMap } from './maps.builtin.js';
import { createMap, deleteMap, getMap, listMaps, updateMap, type NewMap } from './maps.service.js';

const invalid = (field: string, message: string) => new AppError('VALIDATION', 400, [{ field, message }]);

function validationError(error: z.ZodError): AppError {
  return new AppError(
    'VALIDATION',
    400,
    error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys' ? i.keys.map((k) => ({ field: k, message: 'unknown field' })) : [{ field: i.path.map(String).join('.') || 'body', message: i.message }],
    ),
  );
}

/** The multipart form: fields unitId, level, name, reviewNumber and the GeoJSON in `file`, read into memory (≤ 20 MB). */
async function receiveMapForm(req: FastifyRequest): Promise<NewMap> {
  const fields: Record<string, unknown> = {};
  let text: string | undefined;
  try {
    const parts = req.parts({ limits: { fileSize: MAP_MAX_BYTES, files: 1, fields: 4, parts: 5, fieldSize: 500, headerPairs: 20 } });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw invalid(part.fieldname, 'the GeoJSON goes in the field "file"');
        }
        text = (await part.toBuffer()).toString('utf8');
      } else {
        if (part.valueTruncated || typeof part.value !== 'string') throw invalid(part.fieldname, 'value too long');
        fields[part.fieldname] = part.fieldname === 'unitId' ? Number(part.value) : part.value;
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(MAP_MAX_BYTES);
    if (code === 'FST_FILES_LIMIT') throw invalid('file', 'one file per request');
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PROTO_VIOLATION') throw invalid('body', 'unexpected fields');
    if (err instanceof Error && /multipart|boundary|unexpected end/i.test(err.message)) throw invalid('body', 'malformed multipart body');
    throw err;
  }
  if (text === undefined || text.trim() === '') throw new AppError('FILE_MISSING', 400, [{ field: 'file', message: 'FILE_MISSING' }]);
  let geojson: unknown;
  try {
    geojson = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new AppError('MAP_INVALID', 400, [{ field: 'file', message: 'not valid JSON' }]);
  }
  const parsed = createMapBody.safeParse({ ...fields, geojson });
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export async function mapRoutes(app: FastifyInstance, { db }: ModuleContext) {
  // Multipart parsing only inside this plugin, as in the import and files modules.
  if (!app.hasContentTypeParser('multipart/form-data')) await app.register(fastifyMultipart, { throwFileSizeLimit: true });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['maps'];

  r.get(
    '/api/maps/builtin/:name',
    {
      config: { permission: 'maps.read' },
      schema: {
        tags,
        summary: '内置轮廓 A shipped outline from echarts@4.9.0 (Apache-2.0): china, or a province by its file name (henan, hubei, shanxi1 = 陕西 …); compressed coordinates as ECharts reads them',
        params: builtinParams,
        response: { 200: featureCollection },
      },
    },
    async (req, reply) => {
      const map = await builtinMap(req.params.name);
      if (!map) throw notFound();
      // The files change only with the package; a browser keeps them for a month.
      // The cached file is already JSON text: sent as is (a string is never re-serialised), untyped.
      const out = reply as unknown as FastifyReply;
      out.header('cache-control', 'private, max-age=2592000').header('etag', map.etag);
      if (req.headers['if-none-match'] === map.etag) return out.code(304).send();
      return out.type('application/json; charset=utf-8').send(map.json);
    },
  );

  r.get(
    '/api/maps',
    {
      config: { permission: 'maps.read' },
      schema: {
        tags,
        summary: '地图列表 The uploaded boundary maps the user can see (their scope and the units above it), and which outline the map page opens on',
        response: { 200: mapList },
      },
    },
    async (req) => listMaps(db, actorOf(req)),
  );

  r.get(
    '/api/maps/:id',
    {
      config: { permission: 'maps.read' },
      schema: { tags, summary: '地图详情 The GeoJSON with each feature’s unit (featureUnits) and the unmatched features', params: idParam, response: { 200: mapDetail } },
    },
    async (req) => getMap(db, actorOf(req), req.params.id),
  );

  r.post(
    '/api/maps',
    {
      config: { permission: 'maps.manage' },
      // A JSON upload carries the GeoJSON inline: room for the 20 MB file and the other fields.
      bodyLimit: MAP_MAX_BYTES + 64 * 1024,
      schema: {
        tags,
        summary:
          '上传地图 Upload a GeoJSON FeatureCollection (Polygon/MultiPolygon features named in properties.name, optional properties.adcode; ≤ 20 MB) for a unit and level county|town, with name and 审图号 reviewNumber: multipart/form-data (fields unitId, level, name, reviewNumber, file) or JSON { unitId, level, name, reviewNumber, geojson }. Features are matched to the unit’s child units by division code and name; the answer lists the unmatched',
        consumes: ['multipart/form-data', 'application/json'],
        response: { 200: mapDetail },
      },
    },
    async (req) => {
      let input: NewMap;
      if (req.isMultipart()) input = await receiveMapForm(req);
      else {
        const parsed = createMapBody.safeParse(req.body ?? {});
        if (!parsed.success) throw validationError(parsed.error);
        input = parsed.data;
      }
      return createMap(db, actorOf(req), input);
    },
  );

  r.patch(
    '/api/maps/:id',
    {
      config: { permission: 'maps.manage' },
      schema: {
        tags,
        summary: '修改地图 Rename, set the 审图号, or fix the feature → unit mapping { featureUnits: { "<feature name>": unitId | null } }',
        params: idParam,
        body: updateMapBody,
        response: { 200: mapDetail },
      },
    },
    async (req) => updateMap(db, actorOf(req), req.params.id, req.body),
  );

  r.delete(
    '/api/maps/:id',
    {
      config: { permission: 'maps.manage' },
      schema: { tags, summary: '删除地图 Delete an uploaded map', params: idParam, response: { 200: okResponse } },
    },
    async (req) => {
      await deleteMap(db, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
