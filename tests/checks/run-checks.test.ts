import { allChecks } from '../../src/checks/registry';
import { runChecks, VIOLATION_TEXT_LIMITS } from '../../src/checks/run-checks';
import { KEPT_PER_CHECK, OMITTED_PLACES_CHARS, OMITTED_PLACES_KEPT } from '../../src/model/violation';
import type { Check, CountingCheck } from '../../src/model/check';
import type { Violation } from '../../src/model/violation';
import { context, exchange, jsonResponse, response, syncBody } from './support/exchange-factory';

const breach: Violation = { check: 'fixed', severity: 'error', title: 't', message: 'Received: a / Expected: b', instancePath: '/x' };
const fixed = (id: string, found: Violation[]): Check => ({ id, title: id, run: () => found });
const crashing: Check = {
  id: 'crashing',
  title: 'always throws',
  run() {
    throw new Error('boom');
  },
};

describe('runChecks', () => {
  it('registers every check id once, in the documented order', () => {
    expect(allChecks.map((check) => check.id)).toEqual([
      'transport-error', 'timeout', 'body-too-large', 'rate-limited', 'not-a-server-error', 'status-code-expected', 'status-code-documented', 'auth-challenge', 'allow-on-405', 'shared-cache',
      'content-type', 'json-body', 'body-too-complex', 'response-schema', 'undocumented-properties', 'duplicate-keys', 'body-assertion',
      'error-message-documented', 'accepted-message-not-refusal', 'internal-error-exposed', 'credential-echoed',
    ]);
  });

  it('passes a conformant 200 with every check', () => {
    expect(runChecks(exchange(jsonResponse(200, syncBody)), context({ assert: [{ pointer: '/sync/isCoexistence', equals: true, check: 'sync-is-coexistence', because: 'a coexistence sender' }] }))).toEqual({ violations: [], crashes: [], omitted: [] });
  });

  it('isolates a crashing check: it is reported and the others still run', () => {
    const result = runChecks(exchange(jsonResponse(200, syncBody)), context(), [crashing, fixed('fixed', [breach])]);
    expect(result.crashes).toEqual([{ check: 'crashing', message: 'boom' }]);
    expect(result.violations).toEqual([breach]);
  });

  it('reports a non-Error throw as a crash too', () => {
    const throwsString: Check = { id: 'odd', title: 'odd', run: () => { throw 'plain string'; } };
    expect(runChecks(exchange(undefined), context(), [throwsString]).crashes).toEqual([{ check: 'odd', message: 'plain string' }]);
  });

  it('deduplicates identical violations but keeps ones that differ in pointer or message', () => {
    const other = { ...breach, instancePath: '/y' };
    const result = runChecks(exchange(undefined), context(), [fixed('a', [breach, breach]), fixed('b', [breach, other])]);
    expect(result.violations).toEqual([breach, other]);
  });

  it('finds several faults of a broken 200 at once', () => {
    const broken = response(200, '<html>ok</html>', { 'content-type': 'text/html' });
    const ids = runChecks(exchange(broken), context({ status: 401, because: 'no credentials were sent' })).violations.map((v) => v.check);
    expect(ids).toEqual(['status-code-expected', 'content-type', 'json-body']);
  });

  describe('keeps at most KEPT_PER_CHECK violations per check and severity, and counts the rest exactly', () => {
    const many = (n: number, severity: Violation['severity'], at: (i: number) => string): Violation[] =>
      Array.from({ length: n }, (_, i) => ({ check: 'many', severity, title: 't', message: `m${i}`, instancePath: at(i) }));

    it('keeps the first 20 and counts 29,980 more under the pointer they share', () => {
      const found = many(30000, 'warning', (i) => `/sync/extra${i}`);
      const result = runChecks(exchange(undefined), context(), [fixed('many', found)]);
      expect(KEPT_PER_CHECK).toBe(20);
      expect(result.violations).toEqual(found.slice(0, 20));
      expect(result.omitted).toEqual([{ check: 'many', severity: 'warning', count: 29980, instancePath: '/sync' }]);
    });

    it('caps errors and warnings apart, and counts duplicates once', () => {
      const errors = many(25, 'error', () => '/a/b');
      const warnings = many(22, 'warning', (i) => `/w${i}`);
      const result = runChecks(exchange(undefined), context(), [fixed('many', [...errors, ...errors, ...warnings])]);
      expect(result.violations.filter((v) => v.severity === 'error')).toHaveLength(20);
      expect(result.violations.filter((v) => v.severity === 'warning')).toHaveLength(20);
      expect(result.omitted).toEqual([
        { check: 'many', severity: 'error', count: 5, instancePath: '/a/b', places: ['/a/b'] },
        { check: 'many', severity: 'warning', count: 2, instancePath: '' },
      ]);
    });

    it('lists the places of the errors it only counts (array indexes as `*`), the checks\' own and its own joined, at most OMITTED_PLACES_KEPT', () => {
      const errors = many(30, 'error', (i) => (i < 25 ? `/a/${i}/x` : `/b${i}`));
      const counting: CountingCheck = {
        id: 'counting',
        title: 'counts',
        run: () => [],
        runCounted: () => ({ violations: [], omitted: [{ check: 'many', severity: 'error', count: 3, instancePath: '/c', places: ['/c/d', '/b29'] }] }),
      };
      const result = runChecks(exchange(undefined), context(), [fixed('many', errors), counting]);
      expect(result.omitted).toEqual([{ check: 'many', severity: 'error', count: 13, instancePath: '', places: ['/a/*/x', '/b25', '/b26', '/b27', '/b28', '/b29', '/c/d'] }]);
      const wide = runChecks(exchange(undefined), context(), [fixed('many', many(21 + OMITTED_PLACES_KEPT, 'error', (i) => `/k${i}`))]).omitted[0];
      expect(wide?.places).toHaveLength(OMITTED_PLACES_KEPT);
      expect(wide?.placesCut).toBe(true);
      // A counting check that does not list its places leaves them unknown: a baseline then says it cannot show them.
      const unlisted: CountingCheck = { ...counting, runCounted: () => ({ violations: [], omitted: [{ check: 'many', severity: 'error', count: 3, instancePath: '/c' }] }) };
      expect(runChecks(exchange(undefined), context(), [fixed('many', errors), unlisted]).omitted[0]).not.toHaveProperty('places');
    });

    it("bounds the characters of an omission's places, its own and a counting check's together: a target chooses a place's key", () => {
      const long = (i: number): string => `/${String(i).padStart(4, '0')}${'k'.repeat(990)}`;
      const chars = (places: readonly string[] | undefined): number => (places ?? []).reduce((n, p) => n + p.length, 0);
      const own = runChecks(exchange(undefined), context(), [fixed('many', many(20 + 60, 'error', long))]).omitted[0];
      expect(own?.count).toBe(60);
      expect(chars(own?.places)).toBeLessThanOrEqual(OMITTED_PLACES_CHARS);
      expect(own?.places).toEqual(Array.from({ length: own?.places?.length ?? 0 }, (_, i) => long(20 + i)));
      expect(own?.placesCut).toBe(true);
      // Each side within the budget, together over it.
      const half = Array.from({ length: 15 }, (_, i) => long(100 + i));
      const counting: CountingCheck = { id: 'counting', title: 'counts', run: () => [], runCounted: () => ({ violations: [], omitted: [{ check: 'many', severity: 'error', count: 15, instancePath: '', places: half }] }) };
      const joined = runChecks(exchange(undefined), context(), [fixed('many', many(20 + 15, 'error', long)), counting]).omitted[0];
      expect(chars(joined?.places)).toBeLessThanOrEqual(OMITTED_PLACES_CHARS);
      expect(joined?.placesCut).toBe(true);
      expect(joined?.count).toBe(30);
      // Short places, 200 of them, are all listed: the budget is for hostile keys, not real ones.
      const short = runChecks(exchange(undefined), context(), [fixed('many', many(20 + OMITTED_PLACES_KEPT, 'error', (i) => `/sync/history/k${i}`))]).omitted[0];
      expect(short?.places).toHaveLength(OMITTED_PLACES_KEPT);
      expect(short).not.toHaveProperty('placesCut');
    });

    it("keeps a counting check's cut: its places are not all of them, whether its omission comes first or joins others", () => {
      const cut: CountingCheck = { id: 'counting', title: 'counts', run: () => [], runCounted: () => ({ violations: [], omitted: [{ check: 'many', severity: 'error', count: 300, instancePath: '', places: ['/a'], placesCut: true }] }) };
      expect(runChecks(exchange(undefined), context(), [cut]).omitted).toEqual([{ check: 'many', severity: 'error', count: 300, instancePath: '', places: ['/a'], placesCut: true }]);
      // After errors of the same check past the 20 kept, which opened the omission with their own places.
      const joined = runChecks(exchange(undefined), context(), [fixed('many', many(21, 'error', () => '/b')), cut]).omitted;
      expect(joined).toEqual([{ check: 'many', severity: 'error', count: 301, instancePath: '', places: ['/b'], placesCut: true }]);
    });

    it("bounds a counting check's omission pointer as a kept violation's", () => {
      const deep: CountingCheck = { id: 'counting', title: 'counts', run: () => [], runCounted: () => ({ violations: [], omitted: [{ check: 'many', severity: 'warning', count: 3, instancePath: `/${'k'.repeat(50_000)}` }] }) };
      const [omitted] = runChecks(exchange(undefined), context(), [deep]).omitted;
      expect(omitted?.instancePath.length).toBeLessThanOrEqual(VIOLATION_TEXT_LIMITS.instancePath + 20);
    });

    it('adds what a counting check counted itself, without building those violations', () => {
      const counting: CountingCheck = {
        id: 'counting',
        title: 'counts',
        run: () => [],
        runCounted: (_e, _c, keep) => ({
          violations: many(keep, 'warning', (i) => `/x/${i}`),
          omitted: [{ check: 'many', severity: 'warning', count: 1000000, instancePath: '/x' }],
        }),
      };
      const result = runChecks(exchange(undefined), context(), [counting]);
      expect(result.violations).toHaveLength(KEPT_PER_CHECK);
      expect(result.omitted).toEqual([{ check: 'many', severity: 'warning', count: 1000000, instancePath: '/x' }]);
    });
  });

  it('bounds the text of a kept violation and of a crash, stating the full size', () => {
    const huge: Violation = { ...breach, title: 't'.repeat(10000), message: 'm'.repeat(8 * 1024 * 1024), instancePath: `/${'k'.repeat(998)}~0${'k'.repeat(5000)}` };
    const throwsHuge: Check = { id: 'huge', title: 'huge', run: () => { throw new Error('e'.repeat(100000)); } };
    const result = runChecks(exchange(undefined), context(), [fixed('h', [huge]), throwsHuge]);
    const kept = result.violations[0];
    expect(kept?.message).toBe(`${'m'.repeat(VIOLATION_TEXT_LIMITS.message)}… (8388608 chars)`);
    expect(kept?.title.length).toBeLessThan(VIOLATION_TEXT_LIMITS.title + 30);
    // Cut before a "~0" escape rather than through it: the pointer stays well-formed.
    expect(kept?.instancePath).toBe(`/${'k'.repeat(998)}… (6001 chars)`);
    expect(result.crashes[0]?.message).toBe(`${'e'.repeat(500)}… (100000 chars)`);
  });
});
