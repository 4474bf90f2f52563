import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, type FieldIssue, isOspreyError } from '../core/errors.js';

/**
 * The one table mapping OspreyError codes to HTTP statuses (STYLE.md: "storage errors are a small closed
 * set, mapped to HTTP statuses in one place"). Codes absent here are server faults: 500.
 */
export const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED: 415,
  UNAVAILABLE: 503,
};

export interface ErrorBody {
  error: string;
  issues?: FieldIssue[];
  requestId?: string;
}

/** `/batch/3/timestamp` (Ajv's instancePath) → `batch[3].timestamp` (the paths Osprey reports everywhere). */
export function jsonPointerToPath(pointer: string, root = ''): string {
  const parts = pointer.split('/').filter((p) => p !== '');
  let out = root;
  for (const p of parts) {
    const key = p.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(key)) out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out === '' ? '(body)' : out;
}

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Fastify's schema errors as field issues; a missing required property is reported at its own path. */
export function schemaIssues(validation: AjvIssue[], context: string | undefined): FieldIssue[] {
  const root = context && context !== 'body' ? context : '';
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  for (const v of validation) {
    let path = jsonPointerToPath(v.instancePath ?? '', root);
    let message = v.message ?? 'invalid';
    if (v.keyword === 'required' && typeof v.params?.missingProperty === 'string') {
      path = path === '(body)' ? v.params.missingProperty : `${path}.${v.params.missingProperty}`;
      message = 'is required';
    } else if (v.keyword === 'additionalProperties' && typeof v.params?.additionalProperty === 'string') {
      path = path === '(body)' ? v.params.additionalProperty : `${path}.${v.params.additionalProperty}`;
      message = 'is not allowed';
    }
    const key = `${path}\u0000${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push({ path, message });
    }
  }
  return issues;
}

/**
 * Fastify's own client errors (bad JSON, body too large, wrong content type...) carry a FST_ code and a
 * 4xx statusCode; they are client input, so they keep their 4xx status and never become a 500.
 */
const FASTIFY_CLIENT_ERRORS: Record<string, { status: number; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, message: 'request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, message: 'unsupported content type' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, message: 'body is empty but content-type is application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, message: 'content-length does not match the body' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, message: 'body is not valid JSON' },
};

export function errorReply(
  err: unknown,
  request: FastifyRequest,
): { status: number; body: ErrorBody; serverFault: boolean } {
  if (isOspreyError(err)) {
    const status = STATUS_BY_CODE[err.code];
    if (status !== undefined) {
      const body: ErrorBody = { error: err.message };
      if (err.issues.length > 0 || err.code === 'INVALID_INPUT') body.issues = err.issues;
      return { status, body, serverFault: false };
    }
  }
  const fe = err as Partial<FastifyError> & { validation?: AjvIssue[]; validationContext?: string };
  if (fe && Array.isArray(fe.validation)) {
    const issues = schemaIssues(fe.validation, fe.validationContext);
    return {
      status: 400,
      body: { error: `invalid ${fe.validationContext ?? 'request'}`, issues },
      serverFault: false,
    };
  }
  if (fe && typeof fe.code === 'string') {
    const known = FASTIFY_CLIENT_ERRORS[fe.code];
    if (known)
      return { status: known.status, body: { error: known.message, issues: [] }, serverFault: false };
    if (
      fe.code === 'FST_REQ_FILE_TOO_LARGE' ||
      fe.code === 'FST_FILES_LIMIT' ||
      fe.code === 'FST_PARTS_LIMIT'
    )
      return {
        status: 413,
        body: { error: fe.message ?? 'upload too large', issues: [] },
        serverFault: false,
      };
    // Body parser errors from JSON.parse surface as SyntaxError with statusCode 400.
  }
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: fe.statusCode,
      body: { error: fe.message ?? 'bad request', issues: [] },
      serverFault: false,
    };
  }
  return {
    status: 500,
    body: { error: `internal error (request id ${request.id})`, requestId: String(request.id) },
    serverFault: true,
  };
}

export function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body, serverFault } = errorReply(err, request);
  if (serverFault) request.log.error({ err, url: request.url, method: request.method }, 'unhandled error');
  else request.log.info({ status, error: body.error }, 'client error');
  return reply.code(status).send(body);
}
