import type { FastifyRequest } from 'fastify';
import { OspreyError } from '../core/errors.js';
import type { ApiKey, KeyRole } from '../core/types.js';
import type { Store } from '../store/store.js';
import { verifyApiKey } from './api-keys.js';

declare module 'fastify' {
  interface FastifyRequest {
    apiKey?: ApiKey;
  }
}

/** Username of an HTTP Basic header (Segment puts the write key there with an empty password). */
function basicUser(header: string): string | undefined {
  const m = /^Basic\s+(.+)$/i.exec(header);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1].trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? decoded : decoded.slice(0, colon);
}

/**
 * The secret a request presents. `/v1/*` follow Segment: write key as the Basic username, or `writeKey`
 * in the JSON body (what @segment/analytics-node 2.x sends). `/api/*` take `Bearer <key>` or Basic.
 */
export function presentedKey(request: FastifyRequest, o: { allowBodyWriteKey: boolean }): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.trim() !== '') {
    const bearer = /^Bearer\s+(.+)$/i.exec(header);
    if (bearer) return bearer[1].trim();
    const user = basicUser(header);
    if (user !== undefined) return user;
  }
  if (o.allowBodyWriteKey) {
    const body = request.body as { writeKey?: unknown } | undefined;
    if (body && typeof body === 'object' && typeof body.writeKey === 'string') return body.writeKey;
  }
  return undefined;
}

/** Roles that may call a route of the given kind: write keys only ingest; admin keys do everything. */
const ALLOWED: Record<'ingest' | 'admin', KeyRole[]> = { ingest: ['write', 'admin'], admin: ['admin'] };

export async function authenticate(
  store: Store,
  request: FastifyRequest,
  need: 'ingest' | 'admin',
): Promise<ApiKey> {
  const secret = presentedKey(request, { allowBodyWriteKey: need === 'ingest' });
  if (secret === undefined) {
    throw new OspreyError(
      'UNAUTHORIZED',
      need === 'ingest'
        ? 'missing write key: send it as the HTTP Basic username (Segment convention)'
        : 'missing API key: send Authorization: Bearer <admin key>',
    );
  }
  const key = await verifyApiKey(store, secret);
  if (!key) throw new OspreyError('UNAUTHORIZED', 'unknown or revoked API key');
  if (!ALLOWED[need].includes(key.role)) {
    throw new OspreyError('FORBIDDEN', `a '${key.role}' key cannot call this route: it needs an admin key`);
  }
  request.apiKey = key;
  return key;
}
