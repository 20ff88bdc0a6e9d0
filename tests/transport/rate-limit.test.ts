import type { Exchange, HttpRequest } from '../../src/model';
import { RateLimitedTransport } from '../../src/transport/rate-limit';
import type { Transport } from '../../src/transport/transport';

const request = (path: string): HttpRequest => ({ method: 'GET', url: `http://127.0.0.1:1${path}`, path, headers: {}, authVariant: 'valid' });

/** A transport whose requests stay in flight until the test finishes them, in any order. */
function held() {
  const pending = new Map<string, (exchange: Exchange) => void>();
  const started: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const transport: Transport = {
    send: (req, id) =>
      new Promise<Exchange>((resolve) => {
        started.push(id);
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        pending.set(id, (exchange) => {
          inFlight -= 1;
          resolve(exchange);
        });
      }),
  };
  const finish = (id: string): void => {
    const resolve = pending.get(id);
    if (resolve === undefined) throw new Error(`${id} is not in flight`);
    pending.delete(id);
    resolve({ id, request: request(`/${id}`), response: { status: 200, headers: {}, bodyText: id }, startedAt: '', durationMs: 0 });
  };
  return { transport, started, finish, maxInFlight: () => maxInFlight };
}

/** Lets queued promise callbacks run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('RateLimitedTransport', () => {
  it('keeps at most `concurrency` requests in flight and starts the rest in arrival order', async () => {
    const inner = held();
    const limited = new RateLimitedTransport(inner.transport, { concurrency: 2 });
    const results = ['a', 'b', 'c', 'd', 'e'].map((id) => limited.send(request(`/${id}`), id));
    await settle();
    expect(inner.started).toEqual(['a', 'b']);
    inner.finish('b');
    await settle();
    expect(inner.started).toEqual(['a', 'b', 'c']);
    for (const id of ['a', 'c', 'd', 'e']) {
      await settle();
      inner.finish(id);
    }
    // Each caller gets its own exchange, whatever order they finished in.
    expect((await Promise.all(results)).map((exchange) => exchange.response?.bodyText)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(inner.maxInFlight()).toBe(2);
  });

  it('defaults to two at a time', async () => {
    const inner = held();
    const limited = new RateLimitedTransport(inner.transport);
    void ['a', 'b', 'c'].map((id) => limited.send(request(`/${id}`), id));
    await settle();
    expect(inner.started).toEqual(['a', 'b']);
  });

  it('frees the slot when the inner transport rejects', async () => {
    let calls = 0;
    const flaky: Transport = {
      send: async (req, id) => {
        calls += 1;
        if (calls === 1) throw new Error('bug in the inner transport');
        return { id, request: req, response: { status: 200, headers: {}, bodyText: '' }, startedAt: '', durationMs: 0 };
      },
    };
    const limited = new RateLimitedTransport(flaky, { concurrency: 1 });
    await expect(limited.send(request('/a'), 'a')).rejects.toThrow('bug in the inner transport');
    await expect(limited.send(request('/b'), 'b')).resolves.toMatchObject({ id: 'b' });
  });

  it('spaces simultaneous arrivals one tick apart, in arrival order', async () => {
    const slept: number[] = [];
    const order: string[] = [];
    const inner: Transport = {
      send: async (req, id) => {
        order.push(id);
        return { id, request: req, response: { status: 200, headers: {}, bodyText: '' }, startedAt: '', durationMs: 0 };
      },
    };
    // A frozen clock: all four arrive at t=1000, so each must wait one more 250 ms tick than the one before.
    const limited = new RateLimitedTransport(inner, { concurrency: 4, ratePerSecond: 4, now: () => 1000, sleep: async (ms) => void slept.push(ms) });
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => limited.send(request(`/${id}`), id)));
    expect(slept).toEqual([250, 500, 750]);
    expect(order).toEqual(['a', 'b', 'c', 'd']);
  });

  it('starts sequential requests at the rate on the injected clock', async () => {
    let now = 1000;
    const startedAt: number[] = [];
    const inner: Transport = {
      send: async (req, id) => {
        startedAt.push(now);
        return { id, request: req, response: { status: 200, headers: {}, bodyText: '' }, startedAt: '', durationMs: 0 };
      },
    };
    const sleep = async (ms: number): Promise<void> => {
      now += ms;
    };
    const limited = new RateLimitedTransport(inner, { concurrency: 1, ratePerSecond: 4, now: () => now, sleep });
    for (const id of ['a', 'b', 'c']) await limited.send(request(`/${id}`), id);
    expect(startedAt).toEqual([1000, 1250, 1500]);
  });

  it('does not sleep when requests are already far enough apart', async () => {
    let now = 0;
    const slept: number[] = [];
    const inner: Transport = { send: async (req, id) => ({ id, request: req, startedAt: '', durationMs: 0, response: { status: 200, headers: {}, bodyText: '' } }) };
    const limited = new RateLimitedTransport(inner, { ratePerSecond: 2, now: () => now, sleep: async (ms) => void slept.push(ms) });
    await limited.send(request('/a'), 'a');
    now += 5000;
    await limited.send(request('/b'), 'b');
    expect(slept).toEqual([]);
  });

  it('really waits with the default sleep and clock', async () => {
    const startedAt: number[] = [];
    const inner: Transport = {
      send: async (req, id) => {
        startedAt.push(performance.now());
        return { id, request: req, response: { status: 200, headers: {}, bodyText: '' }, startedAt: '', durationMs: 0 };
      },
    };
    const limited = new RateLimitedTransport(inner, { concurrency: 1, ratePerSecond: 20 });
    for (const id of ['a', 'b']) await limited.send(request(`/${id}`), id);
    // 50 ms apart, less a little for timer granularity.
    expect((startedAt[1] ?? 0) - (startedAt[0] ?? 0)).toBeGreaterThanOrEqual(45);
  });

  it('the wall clock set back an hour between two requests (NTP, a VM resumed) does not hold the next one for that hour', async () => {
    const slept: number[] = [];
    const inner: Transport = { send: async (req, id) => ({ id, request: req, response: { status: 200, headers: {}, bodyText: '' }, startedAt: '', durationMs: 0 }) };
    // The default clock, with the sleep recorded: paced on the wall clock, the tick reserved before
    // the step lay an hour ahead of every reading after it.
    const realNow = Date.now.bind(Date);
    let step = 0;
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + step);
    try {
      const limited = new RateLimitedTransport(inner, { concurrency: 1, ratePerSecond: 4, sleep: async (ms) => void slept.push(ms) });
      await limited.send(request('/a'), 'a');
      step = -3_600_000;
      await limited.send(request('/b'), 'b');
    } finally {
      spy.mockRestore();
    }
    expect(slept).toHaveLength(1);
    expect(slept[0]).toBeLessThanOrEqual(250);
  });

  it('rejects a rate that is not positive', () => {
    expect(() => new RateLimitedTransport(held().transport, { ratePerSecond: 0 })).toThrow(RangeError);
  });

  it('delegates sourceOf', () => {
    const inner: Transport = { send: async () => ({}) as Exchange, sourceOf: (id) => `file-${id}` };
    expect(new RateLimitedTransport(inner).sourceOf('x')).toBe('file-x');
  });
});

describe('RateLimitedTransport: the bound holds after a slot is handed on', () => {
  it('a request arriving after a waiter was handed a slot waits too: never more than `concurrency` in flight', async () => {
    const inner = held();
    const limited = new RateLimitedTransport(inner.transport, { concurrency: 1 });
    const a = limited.send(request('/a'), 'a');
    const b = limited.send(request('/b'), 'b');
    await settle();
    inner.finish('a');
    await a;
    await settle();
    // b holds the one slot now: c, arriving after, must queue behind it.
    const c = limited.send(request('/c'), 'c');
    await settle();
    expect(inner.started).toEqual(['a', 'b']);
    inner.finish('b');
    await b;
    await settle();
    inner.finish('c');
    await c;
    expect(inner.maxInFlight()).toBe(1);
  });

  it.each([0, 0.5, -3])('a concurrency of %p is taken as 1: requests are sent, one at a time', async (concurrency) => {
    const inner = held();
    const limited = new RateLimitedTransport(inner.transport, { concurrency });
    const sent = [limited.send(request('/a'), 'a'), limited.send(request('/b'), 'b')];
    await settle();
    expect(inner.started).toEqual(['a']);
    inner.finish('a');
    await settle();
    inner.finish('b');
    await Promise.all(sent);
    expect(inner.started).toEqual(['a', 'b']);
  });
});

describe('RateLimitedTransport: copies sent at once (SendOptions.together) count against the rate', () => {
  /** A clock the injected sleep advances, and each request's start on it. */
  function clocked(startAt: number) {
    let now = startAt;
    const started: Array<[string, number]> = [];
    const slept: number[] = [];
    const inner: Transport = {
      send: async (req, id) => {
        started.push([id, now]);
        return { id, request: req, response: { status: 200, headers: {}, bodyText: '' }, startedAt: '', durationMs: 0 };
      },
    };
    const sleep = async (ms: number): Promise<void> => {
      slept.push(ms);
      now += ms;
    };
    return { inner, started, slept, now: () => now, sleep };
  }

  it('waits for the group\'s tick, sends the copies together, and makes the next request wait as if each copy had been paced', async () => {
    const c = clocked(1000);
    const limited = new RateLimitedTransport(c.inner, { concurrency: 1, ratePerSecond: 4, now: c.now, sleep: c.sleep });
    await limited.send(request('/a'), 'a');
    // Three copies started in one synchronous run, as the runner sends a concurrent step's.
    await Promise.all([1, 2, 3].map((k) => limited.send(request('/s'), `s@${k}`, { together: 3 })));
    await limited.send(request('/b'), 'b');
    // a at 1000; the group at the next tick (1250), all three at once, after one shared wait;
    // b after the three ticks the group took (1250, 1500, 1750), so at 2000.
    expect(c.started).toEqual([
      ['a', 1000],
      ['s@1', 1250],
      ['s@2', 1250],
      ['s@3', 1250],
      ['b', 2000],
    ]);
    expect(c.slept).toEqual([250, 750]);
  });

  it('still sends every copy before any answers, past the concurrency bound', async () => {
    const inner = held();
    const limited = new RateLimitedTransport(inner.transport, { concurrency: 1, ratePerSecond: 1, now: () => 0, sleep: async () => undefined });
    const a = limited.send(request('/a'), 'a');
    await settle();
    const copies = [1, 2].map((k) => limited.send(request('/s'), `s@${k}`, { together: 2 }));
    await settle();
    // a is still in flight, holding the one slot: the copies leave anyway, both of them.
    expect(inner.started).toEqual(['a', 's@1', 's@2']);
    for (const id of ['a', 's@1', 's@2']) inner.finish(id);
    await Promise.all([a, ...copies]);
  });

  it('a group is closed at the end of the run that sent it: a copy sent later (a retry) takes a tick of its own', async () => {
    const c = clocked(0);
    const limited = new RateLimitedTransport(c.inner, { ratePerSecond: 4, now: c.now, sleep: c.sleep });
    // Only one of two copies arrives in its run; the other, sent after its answer, must not leave
    // on the group's tick (long gone) but on the next free one.
    await limited.send(request('/s'), 's@1', { together: 2 });
    await limited.send(request('/s'), 's@2', { together: 2 });
    expect(c.started).toEqual([
      ['s@1', 0],
      ['s@2', 500],
    ]);
  });
});

describe("a case's stop (SendOptions.signal)", () => {
  it('a request waiting for its tick stops waiting when its case is stopped, and hands the stop on (the transport below does not send it)', async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const inner: Transport = {
      send: async (req, id, options) => {
        signals.push(options?.signal);
        return { id, request: req, startedAt: '', durationMs: 0, notSent: true };
      },
    };
    // One request a second, on a clock that never moves: the second waits for a tick that never comes but for the stop.
    const limited = new RateLimitedTransport(inner, { ratePerSecond: 1, now: () => 0, sleep: () => new Promise<void>(() => undefined) });
    await limited.send(request('/a'), 'a');
    const stop = new AbortController();
    const waiting = limited.send(request('/b'), 'b', { signal: stop.signal });
    await settle();
    expect(signals).toHaveLength(1);
    stop.abort();
    await waiting;
    expect(signals[1]?.aborted).toBe(true);
  });
  it("copies sent together stop waiting for their group's tick when their case is stopped, and hand the stop on", async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const inner: Transport = {
      send: async (req, id, options) => {
        signals.push(options?.signal);
        return { id, request: req, startedAt: '', durationMs: 0, notSent: true };
      },
    };
    const limited = new RateLimitedTransport(inner, { ratePerSecond: 1, now: () => 0, sleep: () => new Promise<void>(() => undefined) });
    await limited.send(request('/a'), 'a');
    const stop = new AbortController();
    const copies = [1, 2].map((k) => limited.send(request('/s'), `s@${k}`, { together: 2, signal: stop.signal }));
    await settle();
    expect(signals).toHaveLength(1);
    stop.abort();
    await Promise.all(copies);
    expect(signals.slice(1).map((signal) => signal?.aborted)).toEqual([true, true]);
  });
});
