/**
 * A concurrent step (two starts at once) against scripted targets: what a conformant server may
 * answer passes, what a broken one answers fails with a clear set verdict, never an error of the suite.
 */
import type { Exchange, HttpRequest, HttpResponse } from '../../src/model';
import { planCase } from '../../src/registry/plan-cases';
import { executeCase, type CaseDeps } from '../../src/runner/execute-case';
import { startMessages } from '../../src/reference-server';
import { caseStatusNote, stepLine } from '../../src/report/status-text';
import { stepsList } from '../../src/report/html-scenarios';
import { operations, row, shippedCaseDeps } from '../support/shipped-contract';

const HISTORY = 'startWhatsAppHistorySync';
const json = (status: number, body: unknown): HttpResponse => ({ status, headers: { 'content-type': 'application/json' }, bodyText: JSON.stringify(body) });
const now = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const startable = { status: 'not_requested', canSync: true, requestedAt: null, completedAt: null };
const contacts = { status: 'not_requested', canSync: true, requestedAt: null };
const syncWith = (history: unknown) => ({ isCoexistence: true, status: 'active', history, contacts });
const pending = () => ({ status: 'pending', canSync: false, requestedAt: now(), completedAt: null });
const accepted = (history: unknown = pending()): HttpResponse => json(202, { message: startMessages('history').started, sync: syncWith(history) });
const refused = (example: 'in_progress' | 'rate_limit'): HttpResponse => json(400, { code: 'bad_request', message: startMessages('history')[example] });

/** A copy's answer: a response, or a transport error. */
type Answer = HttpResponse | { error: NonNullable<Exchange['error']> };

/** Reads answer `read()`; the start copies answer as `copies` says, by copy number (…#start@N). */
function scripted(read: () => unknown, copies: Record<number, Answer>, sent: string[] = []): CaseDeps {
  const transport: CaseDeps['transport'] = {
    send: async (request: HttpRequest, id: string): Promise<Exchange> => {
      sent.push(`${request.method} ${id}`);
      const base = { id, request, startedAt: new Date().toISOString(), durationMs: 1 };
      if (request.method === 'GET') return { ...base, response: json(200, { sync: read() }) };
      const copy = Number(/@(\d+)$/.exec(id)?.[1]);
      const answer = copies[copy];
      if (answer === undefined) throw new Error(`no answer scripted for ${id}`);
      return 'error' in answer ? { ...base, error: answer.error } : { ...base, response: { ...answer, headers: { ...answer.headers, date: new Date().toUTCString() } } };
    },
  };
  return shippedCaseDeps(transport);
}

const race = () => planCase(`${HISTORY}/concurrent-starts`, HISTORY, row(HISTORY, 'concurrent-starts'), { senderId: 'snd_a' }, operations);

/** Runs the history race case: the read before finds the history startable, the read after `after` (the copies' effect). */
async function run(copies: Record<number, Answer>, after: () => unknown = pending) {
  let reads = 0;
  return executeCase(race(), scripted(() => syncWith((reads += 1) === 1 ? startable : after()), copies));
}

test('a serialising server that answers the copy behind the accepted one rate_limit (its sync already done, its limit reached) passes: as one start of a part read in flight may be', async () => {
  const done = { status: 'completed', canSync: false, requestedAt: now(), completedAt: now() };
  const result = await run({ 1: accepted(done), 2: refused('rate_limit') }, () => done);
  expect(result.status).toBe('passed');
  expect(result.violations).toEqual([]);
  expect((await run({ 1: refused('in_progress'), 2: accepted() })).violations).toEqual([]);
});

test('the copy behind the accepted one refused in the documented words of a reason the read before ruled out (not active, on an account read active) fails; in words of its own, a warning', async () => {
  const notActive = json(400, { code: 'bad_request', message: startMessages('history').not_active });
  const said = await run({ 1: accepted(), 2: notActive });
  expect(said.status).toBe('failed');
  expect(said.violations.map((v) => `${v.severity} ${v.check}`)).toEqual(['error error-message-documented']);
  const own = await run({ 1: accepted(), 2: json(400, { code: 'bad_request', message: 'A history sync is already running' }) });
  expect(own.status).toBe('passed');
  expect(own.violations.map((v) => `${v.severity} ${v.check}`)).toEqual(['warning error-message-documented']);
});

test('no copy accepted because the copies were held by a limiter (429, a write never resent) or one failed: could not be judged or a server error, not "all refused"', async () => {
  const limited = json(429, { code: 'too_many_requests', message: 'slow down' });
  const held = await run({ 1: limited, 2: limited }, () => startable);
  expect(held.status).toBe('error');
  expect(held.violations.map((v) => v.check)).not.toContain('concurrent-starts');
  // Which copy was held, each once.
  expect(held.errorMessage).toMatch(/^step start: copy 1 of 2: rate limited .*; step start: copy 2 of 2: rate limited /);
  const failed = await run({ 1: json(500, { code: 'internal_error', message: 'oops' }), 2: refused('in_progress') });
  expect(failed.status).toBe('failed');
  expect(failed.violations.map((v) => v.check)).not.toContain('concurrent-starts');
  expect(failed.violations.find((v) => v.check === 'not-a-server-error')?.message).toMatch(/^copy 1 of 2: /);
});

test("each copy's finding names its copy, and every report's step line lists each copy's status", async () => {
  const timeout = { error: { kind: 'timeout' as const, message: 'no answer within 10000 ms' } };
  const result = await run({ 1: accepted(), 2: timeout });
  expect(result.status).toBe('failed');
  expect(result.violations.map((v) => [v.check, v.message.slice(0, 12)])).toEqual([['timeout', 'copy 2 of 2:']]);
  const both = await run({ 1: timeout, 2: timeout }, () => startable);
  // Two copies timed out: two findings, not one merged "×2".
  expect(new Set(both.violations.map((v) => v.message)).size).toBe(2);
  const start = result.steps?.find((s) => s.id === 'start');
  expect(start?.receivedStatuses).toEqual([202, 0]);
  expect(stepLine(start!, result)).toBe('start (POST /v1/senders/{senderId}/whatsapp-sync/history): 2 copies sent at once, received 202, no response; expected one 202, the others 400 — failed');
  expect(caseStatusNote(result)).toContain('2 copies sent at once, received 202, no response');
  expect(stepsList(result)).toContain('2 copies sent at once, received 202, no response; expected one 202, the others 400');
});

test("each copy's findings, kept and only counted, carry its copy number, which the digests count answers by; a step sent once names none", async () => {
  // 25 undeclared properties on each copy's answer: 20 warnings kept and 5 counted per copy.
  const extra = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`extra${i}`, i]));
  const extras = (answer: HttpResponse): HttpResponse => ({ ...answer, bodyText: JSON.stringify({ ...(JSON.parse(answer.bodyText) as object), ...extra }) });
  const result = await run({ 1: extras(accepted()), 2: extras(refused('in_progress')) });
  expect(result.status).toBe('passed');
  const kept = result.violations.filter((v) => v.check === 'undocumented-properties');
  expect(kept.map((v) => [v.copy, v.message.slice(0, 13)])).toEqual([...Array.from({ length: 20 }, () => [1, 'copy 1 of 2: ']), ...Array.from({ length: 20 }, () => [2, 'copy 2 of 2: '])]);
  expect(result.omittedViolations).toEqual([1, 2].map((copy) => ({ check: 'undocumented-properties', severity: 'warning', count: 5, instancePath: '', step: 'start', copy })));
  // The reads before and after were sent once: no copy.
  const once = await executeCase(race(), scripted(() => ({ ...syncWith(startable), ...extra }), { 1: accepted(), 2: refused('in_progress') }));
  const reads = [...once.violations, ...(once.omittedViolations ?? [])].filter((v) => v.step !== 'start');
  expect(reads.map((v) => v.step)).toContain('read-before');
  expect(reads.filter((v) => 'copy' in v)).toEqual([]);
});

test('two copies accepted, each pending: the race, an error of the set', async () => {
  const result = await run({ 1: accepted(), 2: accepted() });
  expect(result.status).toBe('failed');
  expect(result.violations.map((v) => [v.check, v.severity])).toEqual([['concurrent-starts', 'error']]);
});

test('two copies accepted, each pending, and the read after finds the part completed and startable again (a sandbox without a limit, its job done right after each 202): the read after is sent and clears the set, the case passes', async () => {
  const again = { status: 'completed', canSync: true, requestedAt: now(), completedAt: now() };
  const sent: string[] = [];
  let reads = 0;
  const result = await executeCase(race(), scripted(() => syncWith((reads += 1) === 1 ? startable : again), { 1: accepted(), 2: accepted() }, sent));
  expect(result.violations.map((v) => `${v.severity} ${v.check}`)).toEqual([]);
  expect(result.status).toBe('passed');
  expect(sent.filter((s) => s.startsWith('GET'))).toHaveLength(2);
});

test('two copies accepted and the read after still in flight: the race, on the start step; the read after was sent, and the case fails at the start', async () => {
  const sent: string[] = [];
  let reads = 0;
  const result = await executeCase(race(), scripted(() => syncWith((reads += 1) === 1 ? startable : pending()), { 1: accepted(), 2: accepted() }, sent));
  expect(result.status).toBe('failed');
  expect(result.failedStep).toBe('start');
  expect(result.violations.map((v) => `${v.severity} ${v.check} ${v.step ?? ''}`)).toEqual(['error concurrent-starts start']);
  expect(result.steps?.map((s) => [s.id, s.status])).toEqual([['read-before', 'passed'], ['start', 'failed'], ['read-after', 'passed']]);
});

test('two copies accepted and a read after that never saw a start (the part as before the copies, not requested and startable): it explains nothing, being wrong itself; the race stands at the start, the read after failed as sent', async () => {
  const result = await run({ 1: accepted(), 2: accepted() }, () => startable);
  expect(result.status).toBe('failed');
  expect(result.failedStep).toBe('start');
  expect(result.violations.filter((v) => v.step === 'start').map((v) => `${v.severity} ${v.check}`)).toEqual(['error concurrent-starts']);
  expect(result.steps?.map((s) => [s.id, s.status])).toEqual([['read-before', 'passed'], ['start', 'failed'], ['read-after', 'failed']]);
});

test('two copies accepted and the read after not sent (the target lost, the case stopped): the race stands and the case fails at the start, not an error of a read that never left', async () => {
  let reads = 0;
  const deps = scripted(() => syncWith(startable), { 1: accepted(), 2: accepted() });
  const send = deps.transport.send.bind(deps.transport);
  const lost: CaseDeps = { ...deps, transport: { send: async (request, id, options) => ((request.method === 'GET' && (reads += 1) === 2) ? { id, request, startedAt: new Date().toISOString(), durationMs: 0, notSent: true, error: { kind: 'other', message: 'not sent: the target stopped answering' } } : send(request, id, options)) } };
  const result = await executeCase(race(), lost);
  expect(result.status).toBe('failed');
  expect(result.failedStep).toBe('start');
  expect(result.errorMessage).toBeUndefined();
  expect(result.violations.map((v) => `${v.severity} ${v.check} ${v.step ?? ''}`)).toEqual(['error concurrent-starts start']);
  expect(result.steps?.map((s) => [s.id, s.status])).toEqual([['read-before', 'passed'], ['start', 'failed'], ['read-after', 'skipped']]);
});

test('two copies accepted with the same bytes: still the race, told as maybe one sync merged; bytes cut at the size bound are not taken as the same', async () => {
  const one = accepted();
  const merged = await run({ 1: one, 2: one });
  expect(merged.status).toBe('failed');
  expect(merged.violations.find((v) => v.check === 'concurrent-starts')?.message).toContain('(the 202s are identical: the server may have merged them into one sync, yet ');
  const cut: HttpResponse = { ...one, truncated: { limitBytes: 10, receivedBytes: 11, crossed: 'received' } };
  const unknown = await run({ 1: cut, 2: cut });
  expect(unknown.violations.find((v) => v.check === 'concurrent-starts')?.message).toContain('; 2 syncs were started.');
});

/** `deps` with each copy's exchange taking `ms[copy]` (a read its own 1 ms). */
function timed(deps: CaseDeps, ms: Record<number, number>): CaseDeps {
  const send = deps.transport.send.bind(deps.transport);
  return { ...deps, transport: { send: async (request, id, options) => ({ ...(await send(request, id, options)), ...(/@(\d+)$/.test(id) ? { durationMs: ms[Number(/@(\d+)$/.exec(id)?.[1])] ?? 1 } : {}) }) } };
}

test('the step took as long as its slowest copy: the copies were in flight together', async () => {
  let reads = 0;
  const deps = scripted(() => syncWith((reads += 1) === 1 ? startable : pending()), { 1: refused('in_progress'), 2: accepted() });
  const result = await executeCase(race(), timed(deps, { 1: 40, 2: 7 }));
  expect(result.status).toBe('passed');
  expect(result.steps?.find((s) => s.id === 'start')?.durationMs).toBe(40);
});

test('one copy accepted and another held by a limiter: the step could not be judged (error), and the steps after it are not sent', async () => {
  const limited = json(429, { code: 'too_many_requests', message: 'slow down' });
  const sent: string[] = [];
  let reads = 0;
  const result = await executeCase(race(), scripted(() => syncWith((reads += 1) === 1 ? startable : pending()), { 1: accepted(), 2: limited }, sent));
  expect(result.status).toBe('error');
  const statuses = result.steps?.map((s) => [s.id, s.status]);
  const at = statuses?.findIndex(([id]) => id === 'start') ?? -1;
  expect(statuses?.[at]).toEqual(['start', 'error']);
  // Not "passed" because its one judged copy was: a copy the set cannot judge leaves the race unjudged.
  expect(statuses?.slice(at + 1).every(([, status]) => status === 'skipped')).toBe(true);
  expect(statuses?.length).toBeGreaterThan(at + 1);
  expect(sent.filter((s) => s.startsWith('GET'))).toHaveLength(1);
});
