/**
 * The dashboard's only door to Osprey: the HTTP API with the admin key as a Bearer token. The key lives in
 * sessionStorage so it is forgotten when the browser tab closes.
 */
const KEY_STORAGE = 'osprey.adminKey';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** True when the route itself does not exist on this server (a feature not shipped yet). */
    readonly missingRoute: boolean,
  ) {
    super(message);
  }
}

export function getKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function setKey(key: string | null): void {
  if (key === null) sessionStorage.removeItem(KEY_STORAGE);
  else sessionStorage.setItem(KEY_STORAGE, key);
}

let onUnauthorized: () => void = () => {};
/** The app signs out when the key stops working (revoked while the tab was open). */
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  form?: FormData;
  key?: string;
  signal?: AbortSignal;
}

export async function api<T>(path: string, o: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {};
  const key = o.key ?? getKey();
  if (key) headers.authorization = `Bearer ${key}`;
  let body: BodyInit | undefined;
  if (o.form) body = o.form;
  else if (o.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(o.body);
  }
  const res = await fetch(path, { method: o.method ?? 'GET', headers, body, signal: o.signal });
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const message =
      data && typeof data === 'object' && 'error' in data ? String((data as { error: unknown }).error) : '';
    const missingRoute = res.status === 404 && message.startsWith('no route ');
    if (res.status === 401 && !o.key) onUnauthorized();
    throw new ApiError(res.status, message || `HTTP ${res.status}`, missingRoute);
  }
  return data as T;
}

/** Query string from the defined values only. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
