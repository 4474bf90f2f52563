import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { OspreyError } from '../../core/errors.js';
import type { JsonObject } from '../../core/types.js';
import type { RouteContext } from '../app.js';
import { authenticate } from '../auth.js';
import type { JobState } from '../domain.js';
import { errorResponses } from '../schemas.js';
import { iso } from '../time.js';

const KINDS = ['users', 'items', 'events'] as const;
const FreeObject = Type.Object({}, { additionalProperties: true });

const ImportView = Type.Object({
  id: Type.String(),
  status: Type.String({ description: 'queued, running, succeeded or failed' }),
  file: Type.Union([Type.String(), Type.Null()], {
    description: 'uploaded file name (in the upload response)',
  }),
  kind: Type.Union([Type.String(), Type.Null()]),
  mapping: Type.Union([Type.String(), Type.Null()]),
  attempts: Type.Integer(),
  progress: Type.Union([FreeObject, Type.Null()]),
  result: Type.Union([FreeObject, Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const importView = (j: JobState, payload: JsonObject) => ({
  id: j.id,
  status: j.status,
  file: typeof payload.originalName === 'string' ? payload.originalName : null,
  kind: typeof payload.kind === 'string' ? payload.kind : null,
  mapping: typeof payload.mapping === 'string' ? payload.mapping : null,
  attempts: j.attempts,
  progress: j.progress,
  result: j.result,
  error: j.error,
  createdAt: iso(j.createdAt)!,
  updatedAt: iso(j.updatedAt)!,
});

/** File names from the client are never trusted as paths. */
const safeName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-100) || 'upload';

/**
 * Bulk import over HTTP: the upload is saved under `<data folder>/uploads/` and imported by an `import` job
 * on the job queue (the same importer `osprey import` runs), so a large file never blocks the API.
 */
export const importsRoutes =
  (ctx: RouteContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    const preValidation = async (request: Parameters<typeof authenticate>[1]) => {
      await authenticate(ctx.store, request, 'admin');
    };
    app.post(
      '/api/imports',
      {
        preValidation,
        schema: {
          tags: ['imports'],
          summary:
            'Upload a CSV/JSONL file (gzip accepted) as multipart field `file`; optional fields or query `kind` (users|items|events) and `mapping` (online-retail or a JSON column mapping)',
          security: [{ adminKey: [] }],
          consumes: ['multipart/form-data'],
          querystring: Type.Object({
            kind: Type.Optional(Type.Union(KINDS.map((k) => Type.Literal(k)))),
            mapping: Type.Optional(Type.String()),
          }),
          response: { 202: ImportView, ...errorResponses(400, 401, 403, 413, 415) },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) {
          throw new OspreyError('INVALID_INPUT', 'upload the file as multipart/form-data', [
            { path: 'file', message: 'expected a multipart/form-data body with a `file` part' },
          ]);
        }
        const fields: Record<string, string> = {};
        let saved: { path: string; name: string } | undefined;
        const dir = join(ctx.config.dataDir, 'uploads');
        await mkdir(dir, { recursive: true });
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || saved) {
              part.file.resume();
              continue;
            }
            const name = safeName(part.filename ?? 'upload');
            const path = join(dir, `${randomUUID()}-${name}`);
            await pipeline(part.file, createWriteStream(path));
            if (part.file.truncated) {
              await rm(path, { force: true });
              throw new OspreyError('PAYLOAD_TOO_LARGE', 'uploaded file exceeds the upload limit');
            }
            saved = { path, name: part.filename ?? name };
          } else if (typeof part.value === 'string') {
            fields[part.fieldname] = part.value;
          }
        }
        if (!saved) {
          throw new OspreyError('INVALID_INPUT', 'no file uploaded', [
            { path: 'file', message: 'is required (multipart field `file`)' },
          ]);
        }
        const kind = fields.kind ?? request.query.kind;
        if (kind !== undefined && !(KINDS as readonly string[]).includes(kind)) {
          await rm(saved.path, { force: true });
          throw new OspreyError('INVALID_INPUT', 'kind must be users, items or events', [
            { path: 'kind', message: `must be users, items or events; got '${kind}'` },
          ]);
        }
        const mapping = fields.mapping ?? request.query.mapping;
        const payload: JsonObject = { file: saved.path, originalName: saved.name, upload: true };
        if (kind) payload.kind = kind;
        if (mapping) payload.mapping = mapping;
        const id = await ctx.queue.enqueue('import', payload);
        const job = await ctx.queue.get(id);
        if (!job) throw new Error(`import job ${id} vanished after enqueue`);
        return reply.code(202).send(importView(job, payload));
      },
    );
    app.get(
      '/api/imports/:id',
      {
        preValidation,
        schema: {
          tags: ['imports'],
          summary: 'Progress and accounting of an import (read = accepted + rejected)',
          security: [{ adminKey: [] }],
          params: Type.Object({ id: Type.String({ minLength: 1 }) }),
          response: { 200: ImportView, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const job = await ctx.queue.get(request.params.id);
        if (job?.name !== 'import') throw new OspreyError('NOT_FOUND', `no import '${request.params.id}'`);
        return importView(job, {});
      },
    );
  };
