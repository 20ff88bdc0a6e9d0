/** Distinct kinds of failure: runNegativeProperty's rounds, and one round (findNewKind) on its own. */
import { findNewKind } from '../../src/negative/property-round';
import { runNegativeProperty, type NegativePropertyOptions } from '../../src/negative/run-property';
import type { NegativeVerdict } from '../../src/negative/judge-negative-exchange';
import type { NegativeInput } from '../../src/transport/path-segment';

const FIXTURES = ['snd_coex_active', 'snd_sms_no_waba'];

function options(): NegativePropertyOptions & { calls: NegativeInput[] } {
  const calls: NegativeInput[] = [];
  return { seed: 42, numRuns: 100, fixtures: FIXTURES, timeBudgetMs: 60_000, judge: async () => ({ ok: true, summary: 'fine' }), calls };
}

describe('distinct kinds of failure', () => {
  /** A judge whose verdict kind is the first rule the input breaks. */
  function kinds(rules: [string, (input: NegativeInput) => boolean][], warn?: (input: NegativeInput) => boolean) {
    const run = options();
    run.judge = async (input) => {
        run.calls.push(input);
        for (const [kind, breaks] of rules) if (breaks(input)) return { ok: false, summary: `${kind} for ${JSON.stringify(input.id)}`, kind };
        if (warn?.(input) === true) return { ok: true, warning: true, summary: `warned ${JSON.stringify(input.id)}`, kind: '200 status-code-expected' };
        return { ok: true, summary: 'fine' };
    };
    return run;
  }

  it('keeps going after the first failure and reports each kind with its own shrunk input', async () => {
    const run = kinds([
      ['500 not-a-server-error', (input) => input.id.includes("'")],
      ['404 json-body', (input) => input.id.includes(';')],
    ]);
    const result = await runNegativeProperty(run);
    expect(result.ok).toBe(false);
    expect(result.failures.map((f) => [f.kind, f.input.id])).toEqual(expect.arrayContaining([
      ['500 not-a-server-error', "'"],
      ['404 json-body', ';'],
    ]));
    expect(result.failures).toHaveLength(2);
    // The first kind is also the headline counterexample; the run went on past it to the end.
    expect(result.counterexample).toEqual(result.failures[0]?.input);
    expect(result.runsDone).toBe(result.numRuns);
  });

  it('shrinks within a kind: an input that fails another way is not taken as a smaller one', async () => {
    // "'" alone fails as a 500; ids with both "'" and "SELECT" fail as a 200. The 200 must shrink to an id with both.
    const run = kinds([
      ['200 status-code-expected', (input) => input.id.includes('SELECT') && input.id.includes("'")],
      ['500 not-a-server-error', (input) => input.id.includes("'")],
    ]);
    const result = await runNegativeProperty(run);
    const twoHundred = result.failures.find((f) => f.kind === '200 status-code-expected');
    expect(twoHundred?.input.id).toMatch(/SELECT/);
    expect(twoHundred?.input.id).toMatch(/'/);
  });

  it('stops at maxKinds, and never judges one input twice across its rounds', async () => {
    const run = kinds([
      ['a', (input) => input.id.includes("'")],
      ['b', (input) => input.id.includes(';')],
      ['c', (input) => input.id.includes('#')],
    ]);
    const result = await runNegativeProperty({ ...run, maxKinds: 2 });
    expect(result.failures.map((f) => f.kind)).toHaveLength(2);
    expect(new Set(run.calls.map((input) => JSON.stringify(input))).size).toBe(run.calls.length);
    expect(result.judgeCalls).toBe(run.calls.length);
  });

  it('keeps a warning when the property passes', async () => {
    const result = await runNegativeProperty(kinds([], (input) => input.id === 'SND_COEX_ACTIVE'));
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([{ kind: '200 status-code-expected', input: { id: 'SND_COEX_ACTIVE', raw: false }, summary: 'warned "SND_COEX_ACTIVE"' }]);
  });
});

describe('findNewKind', () => {
  const verdict = (input: NegativeInput): NegativeVerdict =>
    input.id.includes("'") ? { ok: false, summary: 'quote', kind: 'a' } : input.id.includes(';') ? { ok: false, summary: 'semicolon', kind: 'b' } : { ok: true, summary: 'fine' };
  const examples: [NegativeInput][] = [[{ id: "x'y", raw: false }], [{ id: 'x;y', raw: false }], [{ id: 'ok', raw: false }]];

  it('fails only on a kind not yet known, and shrinks within it', async () => {
    const found = await findNewKind(options(), examples, 3, 10_000, async (input) => verdict(input), new Set(['a']), 50);
    expect(found.finding).toMatchObject({ kind: 'b', summary: 'semicolon' });
    expect(found.finding?.input.id).toContain(';');
  });

  it('finds nothing when every kind met is known', async () => {
    const found = await findNewKind(options(), examples, 3, 10_000, async (input) => verdict(input), new Set(['a', 'b']), 50);
    expect(found).toEqual({ runsDone: 3, interrupted: false, noEvidence: false });
  });
});

describe('a target that goes down on one hostile id', () => {
  it('names the id it went down on, not a shrunk one: every later id is refused whatever it is, so shrinking proves nothing', async () => {
    // A server that crashes on a raw "%" (decodeURIComponent throws) refuses every connection after it.
    const run = options();
    let down = false;
    run.judge = async (input): Promise<NegativeVerdict> => {
      run.calls.push(input);
      if (!down && input.raw === true && input.id === '%') down = true;
      if (down) return { ok: false, summary: 'transport error connection-refused: connect ECONNREFUSED 127.0.0.1:9', kind: 'transport-error connection-refused' };
      return { ok: true, summary: 'fine' };
    };
    const result = await runNegativeProperty(run);
    const refused = result.failures.find((f) => f.kind === 'transport-error connection-refused');
    expect(refused?.input).toEqual(expect.objectContaining({ id: '%', raw: true }));
    expect(refused?.shrunk).toBe(false);
    expect(refused?.summary).toContain('the first hostile id refused');
  });

  it('still shrinks a failure an id can cause (a reset, a 500)', async () => {
    const run = options();
    run.judge = async (input): Promise<NegativeVerdict> => (input.id.includes("'") ? { ok: false, summary: 'reset', kind: 'transport-error reset' } : { ok: true, summary: 'fine' });
    const result = await runNegativeProperty(run);
    expect(result.failures[0]?.input.id).toBe("'");
  });
});
