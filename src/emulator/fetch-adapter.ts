/** Fetch `Request`/`Response` ↔ the emulator's transport-neutral shapes (msw mounts it this way). */
import type { EmulatorRequest, EmulatorResponse } from './types.js';

export async function fromFetchRequest(request: Request): Promise<EmulatorRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
  return { method: request.method.toUpperCase(), path: url.pathname, query: url.searchParams, headers, body };
}

/** A dropped connection becomes `Response.error()`, which msw and fetch report as a network error. */
export function toFetchResponse(res: EmulatorResponse): Response {
  if (res.kind === 'drop') return Response.error();
  return new Response(res.status === 204 ? null : res.body, { status: res.status, headers: res.headers });
}
