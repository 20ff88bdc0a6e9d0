import { getEventListeners } from 'node:events';
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
  /** The requests that reached the transport below, with the stop each carried. */
  function below() {
    const signals: (AbortSignal | undefined)[] = [];
    const sent: string[] = [];
    const transport: Transport = {
      send: async (req, id, options) => {
        signals.push(options?.signal);
        sent.push(id);
        return { id, request: req, startedAt: '', durationMs: 0, notSent: true };
      },
    };
    return { transport, signals, sent };
  }

  /**
   * A sleep whose timer never runs out on its own (fire() ends the last one begun): only its
   * signal's abort ends it, as the run's wait does, so a stop that is not handed to it leaves it
   * running. Records the signal each was handed, and how many a stop ended.
   */
  function stopOnly() {
    const handed: (AbortSignal | undefined)[] = [];
    let cleared = 0;
    let fire = (): void => undefined;
    const sleep = (_ms: number, signal?: AbortSignal): Promise<void> =>
      new Promise<void>((resolve) => {
        handed.push(signal);
        fire = resolve;
        signal?.addEventListener('abort', () => resolve(void (cleared += 1)), { once: true });
      });
    return { sleep, handed, cleared: () => cleared, fire: () => fire() };
  }

  it("a request waiting for its tick hands its case's stop to the wait, which the stop ends (its timer cleared), and hands the stop on (the transport below does not send it)", async () => {
    const inner = below();
    const timer = stopOnly();
    // One request a second, on a clock that never moves: the second waits for a tick that never comes but for the stop.
    const limited = new RateLimitedTransport(inner.transport, { ratePerSecond: 1, now: () => 0, sleep: timer.sleep });
    await limited.send(request('/a'), 'a');
    const stop = new AbortController();
    const waiting = limited.send(request('/b'), 'b', { signal: stop.signal });
    await settle();
    expect(inner.signals).toHaveLength(1);
    expect(timer.handed).toEqual([stop.signal]);
    stop.abort();
    await waiting;
    expect([timer.cleared(), inner.signals[1]?.aborted]).toEqual([1, true]);
  });

  it('a stopped tick leaves no timer running and no listener behind (the default sleep)', async () => {
    const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const inner = below();
    // One request a minute: the second's tick is a minute away.
    const limited = new RateLimitedTransport(inner.transport, { ratePerSecond: 1 / 60, now: () => 0 });
    await limited.send(request('/a'), 'a');
    const before = timers();
    const stop = new AbortController();
    const waiting = limited.send(request('/b'), 'b', { signal: stop.signal });
    await settle();
    expect(timers()).toBe(before + 1);
    stop.abort();
    await waiting;
    expect([timers() - before, getEventListeners(stop.signal, 'abort').length, inner.signals[1]?.aborted]).toEqual([0, 0, true]);
  });

  it("copies sent together stop waiting for their group's tick when their case is stopped, clear its timer, and hand the stop on", async () => {
    const inner = below();
    const timer = stopOnly();
    const limited = new RateLimitedTransport(inner.transport, { ratePerSecond: 1, now: () => 0, sleep: timer.sleep });
    await limited.send(request('/a'), 'a');
    const stop = new AbortController();
    const copies = [1, 2].map((k) => limited.send(request('/s'), `s@${k}`, { together: 2, signal: stop.signal }));
    await settle();
    expect([inner.signals.length, timer.handed.length]).toEqual([1, 1]);
    stop.abort();
    await Promise.all(copies);
    expect(timer.cleared()).toBe(1);
    expect(inner.signals.slice(1).map((signal) => signal?.aborted)).toEqual([true, true]);
  });

  it.each([
    ['a stop of its own, made later', true],
    ['no stop', false],
  ])("a copy of the group with %s is not let go early when another copy's case is stopped: the group's timer runs on for it", async (_what, own) => {
    const inner = below();
    const timer = stopOnly();
    const limited = new RateLimitedTransport(inner.transport, { ratePerSecond: 1, now: () => 0, sleep: timer.sleep });
    await limited.send(request('/a'), 'a');
    const first = new AbortController();
    const second = new AbortController();
    const copies = [
      limited.send(request('/s'), 's@1', { together: 2, signal: first.signal }),
      limited.send(request('/s'), 's@2', { together: 2, ...(own ? { signal: second.signal } : {}) }),
    ];
    await settle();
    first.abort();
    await copies[0];
    await settle();
    // The stopped copy went (not sent below); the other still waits, and so does the group's timer.
    expect([inner.sent, timer.cleared()]).toEqual([['a', 's@1'], 0]);
    if (own) second.abort();
    else timer.fire();
    await copies[1];
    // Stopped too, the last copy clears the timer; with no stop, the tick came for it.
    expect([inner.sent, timer.cleared()]).toEqual([['a', 's@1', 's@2'], own ? 1 : 0]);
  });

  it("a copy stopped as its group forms (after it opened the group, before the next joined) does not clear the group's timer under a copy that joins after it", async () => {
    const inner = below();
    const timer = stopOnly();
    const limited = new RateLimitedTransport(inner.transport, { ratePerSecond: 1, now: () => 0, sleep: timer.sleep });
    await limited.send(request('/a'), 'a');
    const stopped = new AbortController();
    const copies = [limited.send(request('/s'), 's@1', { together: 2, signal: stopped.signal })];
    // Stopped in the same turn, before the last copy joins: the group, not yet closed, has no copy waiting.
    stopped.abort();
    copies.push(limited.send(request('/s'), 's@2', { together: 2 }));
    await copies[0];
    await settle();
    expect([inner.sent, timer.cleared()]).toEqual([['a', 's@1'], 0]);
    timer.fire();
    await copies[1];
    expect(inner.sent).toEqual(['a', 's@1', 's@2']);
  });

  it("a group fewer copies joined than it was sent for (a copy sent alone, as a retry is) is closed at the end of its turn: stopped, its timer is cleared", async () => {
    const inner = below();
    const timer = stopOnly();
    const limited = new RateLimitedTransport(inner.transport, { ratePerSecond: 1, now: () => 0, sleep: timer.sleep });
    await limited.send(request('/a'), 'a');
    const stop = new AbortController();
    const alone = limited.send(request('/s'), 's@2', { together: 2, signal: stop.signal });
    await settle();
    stop.abort();
    await alone;
    expect([inner.sent, timer.cleared()]).toEqual([['a', 's@2'], 1]);
  });

  it("a request of a case already stopped takes no tick, alone or as a copy: it is not sent, and the next request is paced as if it had never come", async () => {
    const inner = below();
    const slept: number[] = [];
    const limited = new RateLimitedTransport(inner.transport, { ratePerSecond: 1, now: () => 0, sleep: async (ms) => void slept.push(ms) });
    await limited.send(request('/a'), 'a');
    const stop = new AbortController();
    stop.abort();
    await limited.send(request('/b'), 'b', { signal: stop.signal });
    await Promise.all([1, 2].map((k) => limited.send(request('/s'), `s@${k}`, { together: 2, signal: stop.signal })));
    await limited.send(request('/c'), 'c');
    // Handed on (the transport below says it was not sent), and c waits one tick, not four.
    expect([inner.sent, inner.signals.map((signal) => signal?.aborted === true)]).toEqual([['a', 'b', 's@1', 's@2', 'c'], [false, true, true, true, false]]);
    expect(slept).toEqual([1000]);
  });

  it('a request waiting for a slot leaves the queue at its case\'s stop, taking none: it does not wait for the request ahead of it to end', async () => {
    let answer = (): void => undefined;
    const sent: string[] = [];
    const slow: Transport = {
      send: async (req, id, options) => {
        sent.push(id);
        if (options?.signal?.aborted === true) return { id, request: req, startedAt: '', durationMs: 0, notSent: true };
        await new Promise<void>((resolve) => (answer = resolve));
        return { id, request: req, startedAt: '', durationMs: 0 };
      },
    };
    const limited = new RateLimitedTransport(slow, { concurrency: 1 });
    const first = limited.send(request('/a'), 'a');
    const stop = new AbortController();
    let ended = false;
    const queued = limited.send(request('/b'), 'b', { signal: stop.signal }).then(() => (ended = true));
    await settle();
    expect([sent, ended, getEventListeners(stop.signal, 'abort').length]).toEqual([['a'], false, 1]);
    stop.abort();
    await queued;
    // It went before the request ahead of it had ended, and handed no slot on: the next one waits for a's.
    expect([sent, getEventListeners(stop.signal, 'abort').length]).toEqual([['a', 'b'], 0]);
    const third = limited.send(request('/c'), 'c');
    await settle();
    expect(sent).toEqual(['a', 'b']);
    answer();
    await first;
    await settle();
    expect(sent).toEqual(['a', 'b', 'c']);
    answer();
    await third;
  });

  it('a request that got its slot before its stop leaves no listener on it', async () => {
    const inner = below();
    const limited = new RateLimitedTransport(inner.transport, { concurrency: 1 });
    const stop = new AbortController();
    await Promise.all([limited.send(request('/a'), 'a', { signal: stop.signal }), limited.send(request('/b'), 'b', { signal: stop.signal })]);
    expect([inner.sent, getEventListeners(stop.signal, 'abort').length]).toEqual([['a', 'b'], 0]);
  });
});
