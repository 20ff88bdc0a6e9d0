import { runNegativeProperty, type NegativePropertyOptions } from '../../src/negative/run-property';
import { fixedNegativeInputs } from '../../src/negative/sender-id-arbitrary';
import type { NegativeInput } from '../../src/transport/path-segment';
import { performance } from 'node:perf_hooks';

const FIXTURES = ['snd_coex_active', 'snd_sms_no_waba'];
const EXAMPLES = fixedNegativeInputs(FIXTURES).length;

/** Options with a fake judge; the time budget is far beyond what these in-memory runs need. */
function options(judge: (input: NegativeInput) => boolean, overrides: Partial<NegativePropertyOptions> = {}): NegativePropertyOptions & { calls: NegativeInput[] } {
  const calls: NegativeInput[] = [];
  return {
    seed: 42,
    numRuns: 100,
    fixtures: FIXTURES,
    timeBudgetMs: 60_000,
    judge: async (input) => {
      calls.push(input);
      return judge(input) ? { ok: true, summary: 'fine' } : { ok: false, summary: `rejected ${JSON.stringify(input.id)}` };
    },
    calls,
    ...overrides,
  };
}

describe('runNegativeProperty', () => {
  it('passes when every input gets the contract answer, after the examples and every generated run', async () => {
    const run = options(() => true);
    const result = await runNegativeProperty(run);
    // An input generated twice is judged (sent) once.
    const distinct = new Set(run.calls.map((input) => JSON.stringify(input))).size;
    expect(run.calls).toHaveLength(distinct);
    expect(result).toEqual({ ok: true, seed: 42, numRuns: EXAMPLES + 100, runsDone: EXAMPLES + 100, interrupted: false, judgeCalls: distinct, failures: [], warnings: [] });
    expect(distinct).toBeGreaterThan(EXAMPLES + 50);
    // The fixed examples run first, in their order.
    expect(run.calls.slice(0, EXAMPLES)).toEqual(fixedNegativeInputs(FIXTURES));
  });

  it('reports a failing input containing "/" as its smallest form, with the seed and the judge summary', async () => {
    const result = await runNegativeProperty(options((input) => !input.id.includes('/')));
    expect(result).toMatchObject({ ok: false, seed: 42, counterexample: { id: '/', raw: false }, failureSummary: 'rejected "/"' });
  });

  it('shrinks a generated failure: raw ids containing "😀" come down to "😀" alone', async () => {
    // The fixed "snd_😀" is only tried encoded (raw would send the same bytes), so generation must find this one.
    const result = await runNegativeProperty(options((input) => !(input.raw && input.id.includes('😀')), { seed: 7, numRuns: 500 }));
    expect(result).toMatchObject({ ok: false, shrunk: true, counterexample: { id: '😀', raw: true } });
    expect(result.runsDone).toBeGreaterThan(EXAMPLES);
  });

  it('shrinks a failing fixed example too', async () => {
    // Only the fixed list's stacked-query probe, "1'; SELECT 1;--", holds "SELECT" to begin with.
    const result = await runNegativeProperty(options((input) => !input.id.includes('SELECT')));
    expect(result).toMatchObject({ ok: false, shrunk: true });
    expect(result.counterexample?.id).toContain('SELECT');
    expect(result.counterexample?.id.length).toBeLessThan("1'; SELECT 1;--".length);
  });

  it('is reproducible: the same seed gives the same counterexample and replay path', async () => {
    const judge = (input: NegativeInput): boolean => !(input.raw && input.id.includes('😀'));
    const first = await runNegativeProperty(options(judge, { seed: 7, numRuns: 500 }));
    const second = await runNegativeProperty(options(judge, { seed: 7, numRuns: 500 }));
    expect(second).toEqual(first);
    expect(first.path).toEqual(expect.any(String));
  });

  it('stays within its count bound: runs, plus at most maxShrinks shrink steps', async () => {
    const run = options((input) => input.id.length < 300, { numRuns: 200, maxShrinks: 10 });
    const result = await runNegativeProperty(run);
    expect(result.ok).toBe(false);
    expect(run.calls.length).toBe(result.judgeCalls);
    expect(result.judgeCalls).toBeLessThanOrEqual(result.runsDone + 10);
    expect(result.counterexample?.id.length).toBeGreaterThanOrEqual(300);
  });

  it('stops starting runs when the time budget is spent, without calling that a failure', async () => {
    const run = options(() => true, { timeBudgetMs: 200 });
    const judge = run.judge;
    run.judge = async (input) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return judge(input);
    };
    const result = await runNegativeProperty(run);
    expect(result).toMatchObject({ ok: true, interrupted: true });
    expect(result.runsDone).toBeGreaterThan(0);
    expect(result.runsDone).toBeLessThan(result.numRuns);
  });

  it('does not pass on no evidence: a budget that allows no run at all is reported', async () => {
    const run = options(() => true, { timeBudgetMs: 0 });
    const result = await runNegativeProperty(run);
    expect(result).toMatchObject({ ok: false, interrupted: true, runsDone: 0, failureSummary: 'no run completed within the 0 ms time budget' });
    expect(run.calls).toEqual([]);
  });

  it('counts a judge that throws as a failure and says so', async () => {
    const run = options(() => true);
    run.judge = async (input) => {
      if (input.id === '%') throw new Error('socket exploded');
      return { ok: true, summary: 'fine' };
    };
    const result = await runNegativeProperty(run);
    expect(result).toMatchObject({ ok: false, counterexample: { id: '%' }, failureSummary: 'the judge threw: socket exploded' });
  });
});

describe('exampleFixtures', () => {
  const fixtures = ['snd_coex_a', 'snd_coex_b', 'snd_coex_c', 'snd_nowaba'];
  async function judged(exampleFixtures?: string[]): Promise<NegativeInput[]> {
    const seen: NegativeInput[] = [];
    await runNegativeProperty({
      seed: 3,
      numRuns: 0,
      fixtures,
      ...(exampleFixtures ? { exampleFixtures } : {}),
      timeBudgetMs: 10_000,
      judge: async (input) => {
        seen.push(input);
        return { ok: true, summary: 'ok' };
      },
    });
    return seen;
  }

  it('builds the fixed near-misses from the representatives only: fewer requests', async () => {
    const all = await judged();
    const some = await judged(['snd_coex_a', 'snd_nowaba']);
    expect(some.length).toBeLessThan(all.length);
    // One-edit near-misses come from the representatives; placed ones (a piece around an id) from every fixture.
    expect(some.some((input) => input.id === 'SND_COEX_B')).toBe(false);
    expect(all.some((input) => input.id === 'SND_COEX_B')).toBe(true);
    expect(some.some((input) => input.id.includes('coex_b'))).toBe(true);
  });

  it('never sends a configured fixture as a negative input, whichever subset the examples come from', async () => {
    // The case-changed near-miss of snd_coex_a is SND_COEX_A, which this target also has.
    const seen: NegativeInput[] = [];
    const withUpper = ['snd_coex_a', 'SND_COEX_A'];
    await runNegativeProperty({
      seed: 3,
      numRuns: 0,
      fixtures: withUpper,
      exampleFixtures: ['snd_coex_a'],
      timeBudgetMs: 10_000,
      judge: async (input) => {
        seen.push(input);
        return { ok: true, summary: 'ok' };
      },
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((input) => !input.raw && withUpper.includes(input.id))).toEqual([]);
  });
});

describe('lookahead (--concurrency above 1)', () => {
  /** A judge answering after a delay that varies by input, so later inputs often answer first; counts what is in flight. */
  function delayedJudge(verdictOf: (input: NegativeInput) => NegativeVerdictLike) {
    const state = { inFlight: 0, most: 0, calls: [] as NegativeInput[] };
    const judge = async (input: NegativeInput) => {
      state.calls.push(input);
      state.inFlight += 1;
      state.most = Math.max(state.most, state.inFlight);
      await new Promise((resolve) => setTimeout(resolve, input.id.length % 3));
      state.inFlight -= 1;
      return verdictOf(input);
    };
    return { state, judge };
  }
  type NegativeVerdictLike = { ok: boolean; summary: string; kind?: string; warning?: boolean };
  const passes = (): NegativeVerdictLike => ({ ok: true, summary: 'fine' });

  it('judges up to `lookahead` inputs at once, the very inputs of the run one at a time, and none is still in flight when it returns', async () => {
    const sequential = delayedJudge(passes);
    const ahead = delayedJudge(passes);
    const one = await runNegativeProperty({ ...options(() => true), numRuns: 30, judge: sequential.judge });
    const four = await runNegativeProperty({ ...options(() => true), numRuns: 30, judge: ahead.judge, lookahead: 4 });
    expect(sequential.state.most).toBe(1);
    expect(ahead.state.most).toBe(4);
    expect(ahead.state.inFlight).toBe(0);
    // Not one input more or less: the lookahead follows fast-check's own order (the fixed list, then the seed's).
    expect(ahead.state.calls).toEqual(sequential.state.calls);
    expect(four).toEqual(one);
  });

  it('finds the same failures and keeps warnings in the order fast-check meets them, whichever answer comes first', async () => {
    const verdict = (input: NegativeInput): NegativeVerdictLike => {
      if (input.id.includes('/')) return { ok: false, summary: `rejected ${JSON.stringify(input.id)}`, kind: 'slash' };
      if (input.id.includes('%')) return { ok: false, summary: 'percent', kind: 'percent' };
      if (input.id.length > 40) return { ok: true, summary: 'long', kind: 'long', warning: true };
      if (input.id.includes('.')) return { ok: true, summary: 'dot', kind: 'dot', warning: true };
      return { ok: true, summary: 'fine' };
    };
    const sequential = delayedJudge(verdict);
    const ahead = delayedJudge(verdict);
    const one = await runNegativeProperty({ ...options(() => true), numRuns: 50, judge: sequential.judge });
    const eight = await runNegativeProperty({ ...options(() => true), numRuns: 50, judge: ahead.judge, lookahead: 8 });
    expect(one.failures.map((f) => f.kind)).toEqual(['slash', 'percent']);
    expect(one.warnings.map((w) => w.kind).sort()).toEqual(['dot', 'long']);
    const { judgeCalls: sequentialCalls, ...sequentialRest } = one;
    const { judgeCalls: aheadCalls, ...aheadRest } = eight;
    expect(aheadRest).toEqual(sequentialRest);
    // Every round but the last replays the run further: what was judged ahead is reached, nothing is judged twice.
    expect(aheadCalls).toBe(sequentialCalls);
    expect(ahead.state.inFlight).toBe(0);
  });

  it('judges at most lookahead - 1 inputs past where the property stopped, shrink steps included', async () => {
    // Shrinking lands on inputs of the run's own order (" ", "." …): those must not restart the lookahead.
    for (const seed of [42, 7, 1234]) {
      const fails = (input: NegativeInput): NegativeVerdictLike => (input.id.includes('/') ? { ok: false, summary: 'slash', kind: 'slash' } : { ok: true, summary: 'fine' });
      const sequential = delayedJudge(fails);
      const ahead = delayedJudge(fails);
      const one = await runNegativeProperty({ ...options(() => true), seed, maxKinds: 1, judge: sequential.judge });
      const eight = await runNegativeProperty({ ...options(() => true), seed, maxKinds: 1, judge: ahead.judge, lookahead: 8 });
      expect(eight.failures).toEqual(one.failures);
      expect(eight.judgeCalls - one.judgeCalls).toBeGreaterThanOrEqual(0);
      expect(eight.judgeCalls - one.judgeCalls).toBeLessThanOrEqual(7);
    }
  });

  it('a run that ends early (the last kind of failure the bound allows) waits for what it judged ahead: nothing is left in flight', async () => {
    let inFlight = 0;
    await runNegativeProperty({
      ...options(() => true),
      maxKinds: 1,
      lookahead: 8,
      judge: async (input) => {
        if (input.id.includes('/')) return { ok: false, summary: 'slash', kind: 'slash' };
        inFlight += 1;
        await new Promise((resolve) => setTimeout(resolve, 30));
        inFlight -= 1;
        return { ok: true, summary: 'fine' };
      },
    });
    expect(inFlight).toBe(0);
  });

  it('starts nothing ahead once the time budget is spent: from then on one input at a time', async () => {
    let now = 0;
    // The property's clock is the monotonic one (a wall clock's step is no time spent).
    const spy = jest.spyOn(performance, 'now').mockImplementation(() => now);
    try {
      let inFlight = 0;
      let mostAfterBudget = 0;
      let calls = 0;
      await runNegativeProperty({
        ...options(() => true),
        numRuns: 0,
        timeBudgetMs: 1000,
        lookahead: 8,
        judge: async () => {
          calls += 1;
          inFlight += 1;
          if (now > 0) mostAfterBudget = Math.max(mostAfterBudget, inFlight);
          await new Promise((resolve) => setImmediate(resolve));
          inFlight -= 1;
          // The budget (by the property's clock) is spent once the first eight are judged.
          if (calls >= 8) now = 5000;
          return { ok: true, summary: 'fine' };
        },
      });
      expect(calls).toBe(EXAMPLES);
      expect(mostAfterBudget).toBe(1);
    } finally {
      spy.mockRestore();
    }
  });
});

test("each hidden fixture is tried percent-encoded once, raw (the same resource to RFC 3986), and behind three paths that resolve onto it, encoded, after the other fixed inputs", () => {
  const inputs = fixedNegativeInputs(FIXTURES, FIXTURES, ['snd_other_project', '--']);
  expect(inputs.slice(-7)).toEqual([
    { id: '%73nd_other_project', raw: true },
    { id: '/snd_other_project', raw: false },
    { id: '../snd_other_project', raw: false },
    { id: 'x/../snd_other_project', raw: false },
    { id: '/--', raw: false },
    { id: '../--', raw: false },
    { id: 'x/../--', raw: false },
  ]);
  expect(inputs.slice(0, -7)).toEqual(fixedNegativeInputs(FIXTURES));
});
