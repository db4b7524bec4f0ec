import type { EmulatorServer } from './server.js';

/**
 * One call to a running emulator's API as any other client makes it (token exchange, then the call):
 * how the demo and the tests make "out-of-band" changes, the way someone would in the Streamkap UI.
 * NOTE: deliberately not the project's API client, so these changes share none of its assumptions.
 */
export async function callAsClient(
  server: EmulatorServer,
  method: string,
  pathAndQuery: string,
  body?: unknown,
): Promise<unknown> {
  const auth = await fetch(`${server.url}/auth/access-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: server.clientId, secret: server.clientSecret }),
  });
  const { accessToken } = (await auth.json()) as { accessToken: string };
  const res = await fetch(`${server.url}${pathAndQuery}`, {
    method,
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json: unknown = await res.json();
  if (!res.ok) throw new Error(`${method} ${pathAndQuery} -> HTTP ${res.status} ${JSON.stringify(json)}`);
  return json;
}
