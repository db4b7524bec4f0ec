import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../../src/emulator/index.js';

const BASE = 'https://api.streamkap.test';

describe('emulator mounted in msw (Fetch handler)', () => {
  const emulator = createEmulator({ clientSecret: 'msw-secret' });
  const server = setupServer(http.all(`${BASE}/*`, ({ request }) => emulator.handle(request)));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('serves auth, writes and reads through global fetch', async () => {
    const login = await fetch(`${BASE}/auth/access-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'emulator-client', secret: 'msw-secret' }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    const tag = await fetch(`${BASE}/tags`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: 'msw-tag', type: ['sources'] }),
    });
    expect(tag.status).toBe(200);
    expect(tag.headers.get('x-request-id')).toBeTruthy();
    const list = await fetch(`${BASE}/tags?tag_name=msw-tag`, { headers: auth });
    expect(((await list.json()) as { tags: unknown[] }).tags).toHaveLength(1);
    expect(emulator.stats().byRoute['POST /tags']).toBe(1);
  });

  it('turns a dropped connection into a network error', async () => {
    emulator.configure({ oneShots: [{ path: '/tags', count: 1, body: 'drop' }] });
    await expect(fetch(`${BASE}/tags`)).rejects.toThrow();
  });
});
