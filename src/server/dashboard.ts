import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `vite build` writes the dashboard: <repo>/web/dist. */
export const DEFAULT_WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

/** Paths the dashboard never answers, so an unknown API route stays a JSON 404 and not an HTML page. */
const API_PREFIXES = ['/api', '/v1', '/docs', '/health', '/metrics'];

export function isApiPath(url: string): boolean {
  const path = url.split('?')[0]!;
  return API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

/**
 * Serve the built dashboard at `/`: its files as static routes (wildcard off, so no catch-all route can
 * shadow the API), and index.html for any other GET that asks for HTML (SPA fallback for /customers/…).
 * Returns false when there is no build (the API still works; `npm start` builds it first).
 */
export async function registerDashboard(app: FastifyInstance, dist: string): Promise<boolean> {
  if (!existsSync(join(dist, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
  });
  return true;
}

/** Whether a request that matched no route should get the dashboard's index.html. */
export function wantsDashboard(method: string, url: string, accept: string | undefined): boolean {
  return (method === 'GET' || method === 'HEAD') && !isApiPath(url) && (accept ?? '').includes('text/html');
}
