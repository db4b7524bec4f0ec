/** Response builders: the three error shapes of the real API (string detail, Pydantic array, HTML). */
import type { EmulatorResponse, Json } from './types.js';

export type Reply = Extract<EmulatorResponse, { kind: 'reply' }>;

export function json(status: number, body: Json | object, headers: Record<string, string> = {}): Reply {
  return {
    kind: 'reply',
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/** 200 with an already-serialised JSON body (the list path builds pages from cached fragments). */
export function rawOk(text: string): Reply {
  return { kind: 'reply', status: 200, headers: { 'content-type': 'application/json' }, body: text };
}

export function ok(body: Json | object): Reply {
  return json(200, body);
}

/** FastAPI application error: `{"detail": "<message>"}`. */
export function detail(status: number, message: string, headers: Record<string, string> = {}): Reply {
  return json(status, { detail: message }, headers);
}

/** One item of a Pydantic v2 validation error. */
export interface PydanticItem {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: Json | undefined;
  ctx?: Record<string, Json>;
}

/** FastAPI validation error: 422 with an array `detail` of loc/msg/type/input/ctx items. */
export function validationError(items: readonly PydanticItem[]): Reply {
  const detailItems = items.map((i) => ({
    type: i.type,
    loc: i.loc,
    msg: i.msg,
    input: i.input === undefined ? null : i.input,
    ctx: i.ctx ?? {},
  }));
  return json(422, { detail: detailItems });
}

const REASONS: Record<number, string> = {
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

/** What a load balancer in front of the API sends: an nginx-style HTML page. */
export function htmlError(status: number): Reply {
  const reason = REASONS[status] ?? 'Error';
  const body =
    `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n` +
    `<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return { kind: 'reply', status, headers: { 'content-type': 'text/html' }, body };
}

/** Parses a JSON body; `undefined` input (empty body) stays undefined. */
export function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false; reply: Reply } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const msg = error instanceof Error ? error.message : 'invalid JSON';
    return {
      ok: false,
      reply: validationError([
        { type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {}, ctx: { error: msg } },
      ]),
    };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
