import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { getOne } from '../../src/api/index.js';
import { BASE, FakeAuth, testClient, useMsw } from './fake-api.js';

const server = useMsw();

describe('client-wide limits', () => {
  it('never has more requests in flight than the concurrency limit', async () => {
    let inFlight = 0;
    let peak = 0;
    // A barrier, not a delay: the first requests are held until the limit is reached, then for one
    // more turn of the event loop, in which a request over the limit would arrive too.
    let open: () => void = () => undefined;
    const limitReached = new Promise<void>((resolve) => (open = resolve));
    server.use(
      ...new FakeAuth().handlers(),
      http.get(`${BASE}/sources/:id`, async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        if (inFlight === 3) setImmediate(open);
        await limitReached;
        inFlight -= 1;
        return HttpResponse.json({ result: [] });
      }),
    );
    const { client } = testClient({ concurrency: 3 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => client.request('GET', `/sources/${i}`)));
    expect(peak).toBe(3);
    expect(client.stats.requests).toBe(21);
  });

  it('spaces request starts by the requests-per-second limit', async () => {
    server.use(
      ...new FakeAuth().handlers(),
      http.get(`${BASE}/tags`, () => HttpResponse.json({ tags: [] })),
    );
    let clock = 0;
    const waits: number[] = [];
    const { client } = testClient({
      requestsPerSecond: 4,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    for (let i = 0; i < 3; i += 1) await client.request('GET', '/tags');
    // Four requests (auth + 3) at 4/s: starts at 0, 250, 500, 750 ms.
    expect(waits).toEqual([250, 250, 250]);
  });
});

describe('getOne', () => {
  it('maps an empty envelope and a 404 to undefined, and unwraps one item', async () => {
    server.use(
      ...new FakeAuth().handlers(),
      http.get(`${BASE}/sources/:id`, ({ params }) => {
        if (params['id'] === 'gone') return HttpResponse.json({ result: [], page: 1, page_size: 10 });
        if (params['id'] === 'missing') return HttpResponse.json({ detail: 'Not found' }, { status: 404 });
        return HttpResponse.json({ result: [{ id: params['id'], name: 'n' }] });
      }),
    );
    const { client } = testClient();
    await expect(getOne(client, '/sources/gone')).resolves.toBeUndefined();
    await expect(getOne(client, '/sources/missing')).resolves.toBeUndefined();
    await expect(getOne(client, '/sources/abc', { secret_returned: true })).resolves.toEqual({
      id: 'abc',
      name: 'n',
    });
  });
});
