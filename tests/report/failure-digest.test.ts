/**
 * One fault seen in many answers reads as one line on top of the failure list (console and
 * summary.md), the per-case list still under it; and the grouping never merges two faults.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import type { CaseResult, ConformanceReport, Violation } from '../../src/model';
import { combineAttempts } from '../../src/repeat/combine-attempts';
import { FAILURE_DIGEST_LIMIT, failureDigestFor, failureDigestOf, failureGroupCounts, faultCountOf, messageShape } from '../../src/report/failure-digest';
import { readableReport } from '../../src/report/report-schema';
import { copyPrefix } from '../../src/model/violation';
import { assertConsistent } from '../../src/report/report-consistency';
import { renderConsole } from '../../src/report/render-console';
import { renderHtml } from '../../src/report/render-html';
import { renderJson } from '../../src/report/render-json';
import { renderMarkdown } from '../../src/report/render-markdown';
import { validateReport } from '../../src/report/report-schema';
import { againstServer, type ConformanceRun } from '../support/conformance-run';
import { failedResult, readId, report, result, violation } from './fixtures';
import { isUnknownSender, jsonAnswer, when } from '../support/fault-builders';
import { authenticatedAfter, authNotEnforced, CHECKED_OR_NO_AUTH, statusStory, TWO_READINGS, type Reading } from '../../src/checks/support/status-story';
import type { Exchange, HttpResponse } from '../../src/model/http';
import { context, exchange, jsonResponse } from '../checks/support/exchange-factory';

describe('messageShape', () => {
  it('sets aside the text a target sent and every word with a digit, keeping what the suite says of it', () => {
    const a = messageShape('Received: "\\ufeff{"sync":{"status":"idle"}}" (it starts with a byte order mark (U+FEFF), which JSON over HTTP must not send) / Expected: a JSON body, as documented for 200');
    const b = messageShape('Received: "\\ufeff{"error":"not found","code":"x"}" (it starts with a byte order mark (U+FEFF), which JSON over HTTP must not send) / Expected: a JSON body, as documented for 404');
    expect(a).toBe(b);
    expect(a).toBe('Received: "…" (it starts with a byte order mark (U+FEFF), which JSON over HTTP must not send) / Expected: a JSON body, as documented for …');
  });

  it('keeps two faults of one check apart: another parse error, another expectation', () => {
    const bom = messageShape('Received: "\\ufeff{}" (it starts with a byte order mark (U+FEFF), which JSON over HTTP must not send) / Expected: a JSON body, as documented for 200');
    const syntax = messageShape('Received: "{" (Unexpected end of JSON input) / Expected: a JSON body, as documented for 200');
    expect(bom).not.toBe(syntax);
    expect(messageShape('Received: "a" / Expected: "application/json"')).not.toBe(messageShape('Received: "a" / Expected: "text/plain"'));
    // The status the target sent is what it did wrong; a short name with a digit is another property.
    expect(messageShape('Received: 200 / Expected: 401 (no credentials)')).not.toBe(messageShape('Received: 500 / Expected: 401 (no credentials)'));
    expect(messageShape('Received: {} / Expected: property p0')).not.toBe(messageShape('Received: {} / Expected: property p1'));
    // An id or a count is set aside.
    expect(messageShape('Received: 404 for req_8f3a9b2c1d / Expected: 200 within 30 s')).toBe(messageShape('Received: 404 for req_0a1b2c3d4e / Expected: 201 within 45 s'));
  });

  it('reads a duration of 100 to 599 ms as a figure, not as a status: one slowed route is one latency fault', () => {
    // A night whose read slowed by 300 ms: each case's p95 had its own integer part (304.5, 305.6),
    // and as a status "304" and "305" stayed, one fault read as two lines of "failures by fault".
    const budget = (p95: string, n: number) => messageShape(`Received: p95 ${p95} ms over ${n} exchanges / Expected: p95 at most 250 ms (--latency-budget-ms)`);
    expect(budget('304.5', 8)).toBe(budget('305.6', 4));
    expect(budget('304', 8)).toBe(budget('415', 12));
    // A p95 of a whole millisecond (313 ms, as a figure to 0.1 ms drops ".0") is the same fault: apart, the
    // one case with it had a fault of its own, left out of the digest, "4 answers in 4 cases" of 5.
    expect(budget('313', 12)).toBe(budget('307.2', 8));
    expect(budget('304.5', 8)).toBe('Received: p95 … ms over … exchanges / Expected: p95 at most … ms (--latency-budget-ms)');
    // A version or an address is no decimal: its parts are set aside one by one, as before.
    expect(messageShape('Received: 0.2.0 / Expected: 1.0')).toBe('Received: ….….… / Expected: …');
    // A status stays one, also beside words and brackets.
    expect(messageShape('Received: 503 (a server error) / Expected: 200')).not.toBe(messageShape('Received: 502 (a server error) / Expected: 200'));
  });

  it('keeps a status whose next word only starts like a unit of time: "500  msg" is no figure, and two statuses stay two faults', () => {
    // The unit is looked for in a few characters after the number: its word must end there, not at the window's edge.
    for (const after of ['  msg', '   sent', '   ms2', '  mss']) expect(messageShape(`Received: 500${after} / Expected: 200`)).not.toBe(messageShape(`Received: 503${after} / Expected: 200`));
    for (const unit of [' ms', '  ms', '   s', ' s)']) expect(messageShape(`Received: 500${unit} / Expected: 200`)).toBe(messageShape(`Received: 503${unit} / Expected: 200`));
  });

  it('sets aside the tail of a JSON excerpt after its last quote: one missing property is one fault, whatever its siblings\' last value', () => {
    // response-schema's "Received:" is the object that lacks the property, as JSON: its last value
    // (null, false, a number) and closing brackets are the target's as much as its quoted text.
    const shapes = ['{"status":"completed","canSync":false,"completedAt":null}}', '{"status":"pending","canSync":false,"requestedAt":"x"}}', '{"status":"completed","canSync":false}}', '[{"n":3}]'].map((received) =>
      messageShape(`Received: ${received} / Expected: required property "contacts"`),
    );
    expect(new Set(shapes.slice(0, 3)).size).toBe(1);
    expect(shapes[0]).toBe('Received: {"…" / Expected: required property "contacts"');
    expect(shapes[3]).toBe('Received: [{"…" / Expected: required property "contacts"');
    // What the suite says after the excerpt stays: another parse error is another fault.
    expect(messageShape('Received: "{" (Unexpected end of JSON input) / Expected: a JSON body')).toBe('Received: "…" (Unexpected end of JSON input) / Expected: a JSON body');
  });

  it('groups across cases only, and by place and title as well as message', () => {
    // A check whose message sets its documented statuses aside (status-code-expected keeps the status it expects: its own test below).
    const v = (instancePath: string, message = 'Received: 500 / Expected: 200') => violation({ check: 'not-a-server-error', instancePath, message });
    const results = [
      { ...failedResult, id: 'op/a', violations: [v('/items/0/x'), v('/y')] },
      { ...failedResult, id: 'op/b', violations: [v('/items/3/x'), v('/y', 'Received: 500 / Expected: 401')] },
      { ...failedResult, id: 'op/c', violations: [v('/z')] },
    ];
    const groups = failureDigestOf(results);
    // "/items/*/x" in two cases, both expecting 200 (shown); "/y" twice, expecting 200 and 401 (a
    // documented status set aside, so not shown); "/z" once: not a group.
    expect(groups.map((g) => [g.check, g.shape, g.answers, g.cases, g.firstCase])).toEqual([
      ['not-a-server-error', 'Received: 500 / Expected: 200', 2, 2, 'op/a'],
      ['not-a-server-error', 'Received: 500 / Expected: …', 2, 2, 'op/a'],
    ]);
    expect(failureDigestOf([results[2]!])).toEqual([]);
  });

  // A refined story as auth-order.ts makes it: the reading in place of both, its evidence named by the violation (shownBy).
  const refinedBy = (message: string, reading: Reading, both = CHECKED_OR_NO_AUTH): Violation => ({ check: 'status-code-expected', severity: 'error', title: 'Expected status 401, received 400', message: message.split(both).join(reading.text), instancePath: '', shownBy: reading.shownBy });
  const withoutEvidence = ({ shownBy: _evidence, ...v }: Violation): Violation => v;
  // The digest's own reading of two violations: one fault (one key), and the line it shows.
  const faultsOf = (...violations: Violation[]) => faultCountOf(violations.map((v, i) => ({ ...failedResult, id: `${failedResult.operationId}/case-${i}`, violations: [v] })));
  const lineOf = (v: Violation) => failureDigestOf([0, 1].map((i) => ({ ...failedResult, id: `${failedResult.operationId}/case-${i}`, violations: [v] })))[0]?.shape ?? '';

  it("groups a documented refusal where 401 was due by its refusal, refined or not, and the run's readings of one refusal together", () => {
    // The stories as the suite writes them: statusStory's, then auth-order's reading in place of both.
    const START = 'startWhatsAppContactsSync';
    const told = (message: string): string => {
      const base = exchange(jsonResponse(400, { code: 'bad_request', message })) as Exchange & { response: HttpResponse };
      const story = statusStory(401, { ...base, request: { ...base.request, authVariant: 'none' } }, context()) ?? '';
      return `Received: 400 (${story}) / Expected: 401 because without credentials`;
    };
    const noWaba = told('Sender does not have a WhatsApp Business Account connected');
    const notCoexistence = told('Sync is only available for coexistence accounts');
    const refined = (message: string, id: string, elsewhere = false) => refinedBy(message, authenticatedAfter(TWO_READINGS[1]!, id, 'without credentials', elsewhere));
    const unrefined = (message: string): Violation => withoutEvidence(refinedBy(message, { text: CHECKED_OR_NO_AUTH, shownBy: { exchange: 'x', operation: 'this', words: 'x' } }));
    // Two refusals: two faults, whether the run refined them or not.
    expect(faultsOf(unrefined(noWaba), unrefined(notCoexistence))).toBe(2);
    expect(faultsOf(refined(noWaba, `${START}/a#start`), refined(notCoexistence, `${START}/b#start`))).toBe(2);
    // One refusal, read by its own operation's answer or going by another's, with any exchange id: one fault.
    expect(faultsOf(refined(noWaba, `${START}/a#start`), refined(noWaba, 'getWhatsAppSyncStatus/c#read', true))).toBe(1);
    expect(faultsOf(refined(noWaba, `${START}/a#start`), refined(noWaba, `${START}/zzz[snd_1]#read-before`))).toBe(1);
    expect(lineOf(refined(noWaba, `${START}/a#start`))).toContain('no_waba');
    // The readings that tell another thing stay apart: served is not refused.
    const served = refinedBy(noWaba, authNotEnforced(`${START}/a#start`, 'without credentials', false));
    expect(faultsOf(served, refined(noWaba, `${START}/a#start`))).toBe(2);
    expect(lineOf(served)).toContain('no_waba');
  });

  it("sets aside every reading of 401-was-due's evidence by the violation's own field (shownBy), as status-story.ts makes it", () => {
    const ids = ['startWhatsAppContactsSync/a#start', 'getWhatsAppSyncStatus/zzz[snd_1]#read-before', `getWhatsAppSyncStatus/${'long-'.repeat(50)}#read`];
    // Every reading the run makes (runner/auth-order.ts): each story, as sent, own or another operation's; served to this one or to any.
    const readings: ((id: string) => Reading)[] = [
      ...TWO_READINGS.flatMap((story) => ['without credentials', 'with these credentials'].flatMap((sentSo) => [false, true].map((elsewhere) => (id: string) => authenticatedAfter(story, id, sentSo, elsewhere)))),
      ...['without credentials', 'with these credentials'].flatMap((sentSo) => [false, true].flatMap((noneRefused) => (['this', 'another'] as const).map((operation) => (id: string) => authNotEnforced(id, sentSo, noneRefused, operation)))),
    ];
    const told = (code: string) => `Received: 400 (${CHECKED_OR_NO_AUTH}: refused as the documented 400 ${code} "Sender has no WhatsApp Business Account") / Expected: 401 because without credentials`;
    for (const reading of readings) {
      for (const id of ids) {
        const evidence = reading(id).shownBy;
        expect(reading(id).text).toContain(evidence.words);
        expect(evidence.words).toContain(evidence.exchange.slice(0, 20));
      }
      const found = ids.map((id) => refinedBy(told('no_waba'), reading(id)));
      for (const id of ids) expect(lineOf(found[0]!)).not.toContain(id.slice(0, 20));
      // One fault whichever exchange showed it; the refusal's own words still tell two apart.
      expect(faultsOf(...found)).toBe(1);
      expect(lineOf(found[0]!)).toContain('no_waba');
      expect(faultsOf(found[0]!, refinedBy(told('not_coexistence'), reading(ids[0]!)))).toBe(2);
    }
  });

  it('sets the evidence aside by the field, not by its words: words no older suite wrote are set aside when the field names them, and kept when it does not', () => {
    // Words the suite never wrote: only the field can say they are the evidence (the digest reading the message would keep them).
    const reading = (id: string, operation: 'this' | 'another'): Reading => {
      const words = ` [shown by exchange ${id}${operation === 'another' ? ', of another operation' : ''}]`;
      return { text: `authentication after lookup${words}`, shownBy: { exchange: id, operation, words } };
    };
    const message = `Received: 400 (${CHECKED_OR_NO_AUTH}: refused as the documented 400 no_waba "Sender has no WhatsApp Business Account") / Expected: 401 because without credentials`;
    const a = refinedBy(message, reading('startWhatsAppContactsSync/a#start', 'this'));
    const b = refinedBy(message, reading('getWhatsAppSyncStatus/b#read', 'another'));
    expect(faultsOf(a, b)).toBe(1);
    // The documented refusal's message, the same in both, is shown (failure-digest-shared-value.test.ts).
    expect(lineOf(a)).toBe('Received: 400 (authentication after lookup (…): refused as the documented 400 no_waba "Sender has no WhatsApp Business Account") / Expected: 401');
    // Without the field, the same words are the message's own: two faults (never merged by a guess).
    expect(faultsOf(withoutEvidence(a), withoutEvidence(b))).toBe(2);
  });

  it("reads an older report's refined stories (no shownBy) by their words, as that suite wrote them: one fault per refusal, whichever exchange showed it", () => {
    // The words of the suite before Violation.shownBy, frozen: a merge by this suite of shards an older one wrote.
    const older = (reading: string, code: string): Violation => ({ check: 'status-code-expected', severity: 'error', title: 'Expected status 401, received 400', instancePath: '', message: `Received: 400 (${reading}: refused as the documented 400 ${code} ("Sender has no WhatsApp Business Account") without valid credentials, so the sender's state leaks to unauthenticated callers) / Expected: 401 because without credentials` });
    const own = (id: string) => `authentication after the sender's checks ("${id}", sent without credentials, was refused 401 in this run: the target authenticates, but only once it has checked the sender)`;
    const elsewhere = (id: string) => `authentication after the sender's checks, going by another operation ("${id}", sent without credentials, was refused 401 in this run; none of this operation's own was refused or served)`;
    const servedAny = (id: string) => `authentication not enforced (no request of this run sent without credentials was refused 401, and "${id}" was served)`;
    const servedOwn = (id: string) => `authentication not enforced on this operation ("${id}" was served without credentials)`;
    expect(faultsOf(older(own('getWhatsAppSyncStatus/a#read'), 'no_waba'), older(elsewhere('startWhatsAppContactsSync/b#start'), 'no_waba'))).toBe(1);
    expect(faultsOf(older(own('getWhatsAppSyncStatus/a#read'), 'no_waba'), older(own('getWhatsAppSyncStatus/a#read'), 'not_coexistence'))).toBe(2);
    expect(faultsOf(older(servedAny('getWhatsAppSyncStatus/a#read'), 'no_waba'), older(servedAny('startWhatsAppContactsSync/b#start'), 'no_waba'))).toBe(1);
    expect(faultsOf(older(servedOwn('getWhatsAppSyncStatus/a#read'), 'no_waba'), older(servedOwn('startWhatsAppContactsSync/b#start'), 'no_waba'))).toBe(1);
    expect(faultsOf(older(servedOwn('getWhatsAppSyncStatus/a#read'), 'no_waba'), older(servedOwn('getWhatsAppSyncStatus/a#read'), 'not_coexistence'))).toBe(2);
  });

  it("reads a message whose shownBy names words it does not hold (a report edited by hand, or a future suite's) by the older words: a field that names nothing never merges two refusals", () => {
    const told = (code: string) => `Received: 400 (${CHECKED_OR_NO_AUTH}: refused as the documented 400 ${code} ("Sender has no WhatsApp Business Account") without valid credentials, so the sender's state leaks to unauthenticated callers) / Expected: 401 because without credentials`;
    const reading = authenticatedAfter(TWO_READINGS[1]!, 'startWhatsAppContactsSync/a#start', 'without credentials');
    const namesNothing = { ...reading.shownBy, words: ' (words this message does not hold)' };
    const noWaba: Violation = { ...refinedBy(told('no_waba'), reading), shownBy: namesNothing };
    const notCoexistence: Violation = { ...refinedBy(told('not_coexistence'), reading), shownBy: namesNothing };
    // Read as having no evidence to set aside, the quoted id took the refusal's name along: one fault.
    expect(faultsOf(noWaba, notCoexistence)).toBe(2);
    expect(lineOf(noWaba)).toContain('no_waba');
    expect(lineOf(noWaba)).not.toContain('startWhatsAppContactsSync');
  });

  it("looks for a reading's words only where the digest reads a message (its first characters): words recurring past them, in a report edited by hand, cost no work there and move nothing into the line", () => {
    // 48 characters, 250 times: 12,000, past the characters a shape is read from.
    const words = ` ${'z'.repeat(46)} `;
    const far = (tail: string): Violation => ({ check: 'json-body', severity: 'error', title: 'Body is not JSON', instancePath: '', message: `Received: not JSON (${words.repeat(250)}) ${tail} / Expected: a JSON body`, shownBy: { exchange: 'x', operation: 'this', words } });
    // Set aside throughout, the tails (read past the bound before) came into the line: two faults.
    expect(faultsOf(far('plain'), far('other'))).toBe(1);
  });

  it('cuts a long fault in its Received part in every report, so its line still says what was expected', () => {
    // A target answering 400 to unknown ids: the wrong status's diagnosis is long, and a fault line
    // cut at its end read "… for the generated unknown id, the target may refuse …" with no 404 in it.
    const message = "Received: 400 (refused instead of not found: for another project's sender, a 400 tells the caller it exists; for the generated unknown id, the target may refuse ids of a shape it never issues (then set ZAVU_SENDER_UNKNOWN to a well-formed id that names no sender)) / Expected: 404 because the sender does not exist";
    const cases = Array.from({ length: 3 }, (_, i) => ({ ...failedResult, id: `op/case-${i}`, violations: [violation({ check: 'status-code-expected', message, instancePath: '' })] }));
    const night = report(cases);
    const faultLine = (text: string, head: string): string => text.split('\n').find((line) => line.startsWith(head)) ?? '';
    expect(faultLine(renderMarkdown(night), '  - `status-code-expected` — ')).toMatch(/Received: 400 \(refused instead of not found: .*… \/ Expected: 404 — in /);
    expect(faultLine(renderConsole(night, { color: false }), '  status-code-expected — ')).toMatch(/Received: 400 \(refused instead of not found: .*… \/ Expected: 404 — in /);
    const html = renderHtml(night);
    // The By fault table's cell (a scenario's own reason is no part of a fault), and each case's line of the failure list.
    expect(html).toMatch(/<td class="message">Received: 400 \(refused instead of not found: [^<]*… \/ Expected: 404<\/td>/);
    expect(html).toMatch(/<span class="message">Received: 400 \(refused instead of not found: [^<]*… \/ Expected: 404 because the sender does not exist<\/span>/);
  });

  it('is bounded in summary.md: the per-case list gives up the lines the faults take', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ ...failedResult, id: `op/case-${i}`, violations: [violation({ check: 'json-body', message: `Received: "x${i}" (it starts with a byte order mark (U+FEFF), which JSON over HTTP must not send) / Expected: a JSON body, as documented for 200`, instancePath: '' })] }));
    const md = renderMarkdown(report(many));
    expect(md).toContain('- By fault, each case below:\n  - `json-body` — Received: "…" (it starts with a byte order mark (U+FEFF), which JSON over HTTP must not send) / Expected: a JSON body, as documented for 200 — in getWhatsAppSyncStatus: 60 answers in 60 cases (first `op/case-0`)');
    expect(md.split('\n').length).toBeLessThan(50);
  });
});

describe('a target whose every JSON answer starts with a byte order mark', () => {
  let server: ReferenceServer;
  let run: ConformanceRun;

  beforeAll(async () => {
    server = await startReferenceServer({
      host: '127.0.0.1',
      port: 0,
      fault: (context) => (/json/i.test(context.planned.headers['content-type'] ?? context.planned.headers['Content-Type'] ?? '') ? { ...context.planned, body: `\ufeff${context.planned.body}` } : undefined),
    });
    run = await againstServer(server);
  }, 180_000);
  afterAll(() => server.close());

  it('shows the fault once, with how many answers and cases, on top of the failure list, in the console and in summary.md', () => {
    const failed = (run.report?.results ?? []).filter((r) => r.status === 'failed' && r.violations.some((v) => v.check === 'json-body' && v.message.includes('byte order mark')));
    const bom = failed.flatMap((r) => r.violations.filter((v) => v.check === 'json-body' && v.message.includes('byte order mark')).map((v) => `${r.id} ${v.step ?? ''}`));
    const answers = new Set(bom).size;
    expect(failed.length).toBeGreaterThan(10);
    const counts = bom.length === answers ? `${answers} answers in ${failed.length} cases` : `${bom.length} failures in ${answers} answers, ${failed.length} cases`;
    const consoleLine = run.stdout.split('\n').find((line) => line.startsWith('  json-body — ') && line.includes('byte order mark'));
    expect(consoleLine).toContain(counts);
    expect(run.stdout.indexOf('failures by fault')).toBeLessThan(run.stdout.indexOf('FAILED '));
    const md = readFileSync(join(run.reportsDir, 'summary.md'), 'utf8');
    const failures = md.slice(md.indexOf('**Failures**'));
    expect(failures.split('\n')[2]).toMatch(/^- By fault/);
    expect(failures).toMatch(new RegExp(`\\(it starts with a byte order mark \\(U\\+FEFF\\), which JSON over HTTP must not send\\) / Expected: a JSON body, as documented for (…|\\d{3}) — in \\w+(, \\w+)*: ${counts}`));
    // Each case is still listed under it.
    expect(failures).toContain(`- \`${failed[0]?.id}\` — \`json-body\``);
  });
});

describe('a target answering an unknown sender 200 {} instead of 404 (found by a reviewer)', () => {
  let server: ReferenceServer;
  let run: ConformanceRun;

  beforeAll(async () => {
    server = await startReferenceServer({ host: '127.0.0.1', port: 0, fault: when(isUnknownSender, () => jsonAnswer(200, {})) });
    run = await againstServer(server);
  }, 180_000);
  afterAll(() => server.close());

  it('names the wrong status as the top fault, first in the console, and "missing sync" below it, each with a wrong status', () => {
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    const digest = lines.slice(lines.indexOf('failures by fault (each case below):') + 1);
    expect(digest[0]).toMatch(/^  status-code-expected — Received: 200 /);
    const schema = digest.find((line) => line.startsWith('  response-schema — Received: {} '));
    expect(schema).toMatch(/: (\d+) answers in \1 cases, each with a wrong status \(first /);
    expect(digest.indexOf(schema!)).toBeGreaterThan(0);
    expect(lines.find((line) => line.startsWith('failing (each above): '))).toMatch(/; top fault: status-code-expected, \d+ answers in \d+ cases$/);
    expect(run.report?.failureDigest?.faults[0]?.check).toBe('status-code-expected');
  });
});

describe('a mock answering 500 to both starts (a mock author\'s pass)', () => {
  const START = { contacts: 'startWhatsAppContactsSync', history: 'startWhatsAppHistorySync' } as const;
  const undocumented = (part: keyof typeof START, id: string): CaseResult => ({
    ...failedResult,
    id: `${START[part]}/${id}`,
    operationId: START[part],
    operation: `POST /v1/senders/{senderId}/whatsapp-sync/${part}`,
    violations: [
      violation({
        check: 'status-code-documented',
        title: `Status 500 is not documented for POST /v1/senders/{senderId}/whatsapp-sync/${part}`,
        // What the target sent, in its Received part, a status and a quoted text of its own, each case's
        // another (a text every case shares is shown: failure-digest-shared-value.test.ts).
        message: `Received: 500 "\u202eboom 4041 ${id}" / Expected: one of the documented statuses 202, 400, 401, 404`,
      }),
    ],
  });
  const results = [undocumented('contacts', 'a'), undocumented('contacts', 'b'), undocumented('history', 'a'), undocumented('history', 'b')];

  it('each line names the operation that tells it from the other, and shows the documented statuses (the contract\'s), never the target\'s text that differs', () => {
    const groups = failureDigestOf(results);
    expect(groups.map((g) => [g.shape, g.operations])).toEqual([
      ['Received: 500 "…" / Expected: one of the documented statuses 202, 400, 401, 404', [START.contacts]],
      ['Received: 500 "…" / Expected: one of the documented statuses 202, 400, 401, 404', [START.history]],
    ]);
    const consoleText = renderConsole(report(results));
    expect(consoleText).toContain(`  status-code-documented at /data/status — Received: 500 "…" / Expected: one of the documented statuses 202, 400, 401, 404 — in ${START.contacts}: 2 answers in 2 cases`);
    expect(consoleText).toContain(`— in ${START.history}: 2 answers in 2 cases`);
    const md = renderMarkdown(report(results));
    expect(md).toContain(`one of the documented statuses 202, 400, 401, 404 — in ${START.history}: 2 answers in 2 cases`);
    const html = renderHtml(report(results));
    expect(html).toContain(`<td><code>${START.contacts}</code></td>`);
    expect(html).toContain('documented statuses 202, 400, 401, 404');
    // The target's own words stay out of every digest line.
    for (const text of [consoleText.slice(0, consoleText.indexOf('\n\n')), JSON.stringify(groups)]) expect(text).not.toContain('boom');
  });

  it('statuses that differ between the errors of one fault are still set aside: the line would show one of them as all', () => {
    const other = { ...undocumented('contacts', 'c'), violations: [violation({ check: 'status-code-documented', title: 'Status 500 is not documented for POST /v1/senders/{senderId}/whatsapp-sync/contacts', message: 'Received: 500 "x" / Expected: one of the documented statuses 202, 400, 401, 429' })] };
    const [group] = failureDigestOf([undocumented('contacts', 'a'), other]);
    expect(group?.shape).toBe('Received: 500 "…" / Expected: one of the documented statuses …, …, …, …');
  });
});

describe('a stateless mock whose accepted starts hold a canned requestedAt (a mock author\'s pass)', () => {
  // state-prediction's Expected part quotes the answer's own Date header: the target's text, which
  // differs from answer to answer (a run crossing midnight has two weekdays), while the tolerance
  // is the suite's own number. One fault, one line, that says how near the time had to be.
  const canned = (id: string, date: string): CaseResult => ({
    ...failedResult,
    id: `startWhatsAppContactsSync/${id}`,
    operationId: 'startWhatsAppContactsSync',
    operation: 'POST /v1/senders/{senderId}/whatsapp-sync/contacts',
    violations: [
      violation({
        check: 'state-prediction',
        instancePath: '/sync/contacts/requestedAt',
        step: 'start',
        message: `Received: "2024-01-15T10:00:00Z" / Expected: an instant within 15 minutes of the answer's own Date header ("${date}") (an accepted start was requested when it was sent)`,
      }),
    ],
  });

  it('is one line naming the tolerance and the canned instant every answer held, the Date header set aside as what the target sent', () => {
    const groups = failureDigestOf([canned('a', 'Sat, 05 Dec 2026 23:59:59 GMT'), canned('b', 'Sun, 06 Dec 2026 00:00:01 GMT')]);
    expect(groups.map((g) => [g.shape, g.answers])).toEqual([
      ['Received: "2024-01-15T10:00:00Z" / Expected: an instant within 15 minutes of the answer\'s own Date header ("…") (an accepted start was requested when it was sent)', 2],
    ]);
  });

  it('the suite\'s clock when it sent the request is set aside as well, and the tolerance only while every error of the line has the same', () => {
    const suiteClock = (id: string, sentAt: string, minutes: number): CaseResult => ({
      ...canned(id, ''),
      violations: [violation({ check: 'state-prediction', instancePath: '/sync/contacts/requestedAt', step: 'start', message: `Received: "2024-01-15T10:00:00Z" / Expected: an instant within ${minutes} minutes of the suite's clock when it sent the request ("${sentAt}"; the answer had no Date header) (an accepted start was requested when it was sent)` })],
    });
    const same = failureDigestOf([suiteClock('a', '2026-12-05T23:59:59.120Z', 30), suiteClock('b', '2026-12-06T00:00:01.415Z', 30)]);
    expect(same.map((g) => g.shape)).toEqual(['Received: "2024-01-15T10:00:00Z" / Expected: an instant within 30 minutes of the suite\'s clock when it sent the request ("…"; the answer had no Date header) (an accepted start was requested when it was sent)']);
    const differing = failureDigestOf([suiteClock('a', '2026-12-05T23:59:59.120Z', 30), suiteClock('b', '2026-12-06T00:00:01.415Z', 45)]);
    expect(differing.map((g) => g.shape)).toEqual(['Received: "2024-01-15T10:00:00Z" / Expected: an instant within … minutes of the suite\'s clock when it sent the request ("…"; the answer had no Date header) (an accepted start was requested when it was sent)']);
  });

  it("sets aside the instant a start's 202 reported, which a read after it must agree with: a mock that forgets its starts is one fault, its tolerance and RFC named", () => {
    // Each case's 202 reported its own requestedAt: the suite quotes it in its Expected part, and
    // with it set aside as a number the line read "the instant "…:…:…Z" (any RFC … spelling of it, give or take … seconds".
    const forgotten = (id: string, instant: string, before: string): CaseResult => ({
      ...canned(id, ''),
      violations: [
        violation({ check: 'state-prediction', instancePath: '/sync/contacts/requestedAt', step: 'read-after', message: `Received: null / Expected: the instant "${instant}" (any RFC 3339 spelling of it, give or take 5 seconds: two clocks may time one request) (the read agrees with the requestedAt the 202 reported)` }),
        violation({ check: 'state-prediction', instancePath: '/sync/contacts/requestedAt', step: 'start', message: `Received: "2024-01-15T11:00:00Z" / Expected: an instant no earlier than "${before}" (the start was requested after the read just before it was answered, less 60 s for two hosts' clocks)` }),
      ],
    });
    const groups = failureDigestOf([forgotten('a', '2026-12-06T21:36:07.541Z', '2026-12-06T21:35:07.000Z'), forgotten('b', '2026-12-06T21:36:08.209Z', '2026-12-06T21:35:08.000Z')]);
    expect(groups.map((g) => g.shape).sort()).toEqual([
      'Received: "2024-01-15T11:00:00Z" / Expected: an instant no earlier than "…" (the start was requested after the read just before it was answered, less 60 s for two hosts\' clocks)',
      'Received: null / Expected: the instant "…" (any RFC 3339 spelling of it, give or take 5 seconds: two clocks may time one request) (the read agrees with the requestedAt the 202 reported)',
    ]);
  });
});

describe('messageShape: edges', () => {
  it('sets aside an id of exactly eight characters', () => {
    expect(messageShape('Received: 404 for abcd1234 / Expected: 200')).toBe('Received: 404 for … / Expected: …');
  });

  it('reads a lone double quote as text, not as an excerpt', () => {
    expect(messageShape('Received: 5" x / Expected: 200')).toBe('Received: …" x / Expected: …');
  });

  it('keeps no status of a message with no " / Expected: " part: the whole of it is the suite\'s', () => {
    expect(messageShape('status 404 is not documented')).toBe('status … is not documented');
  });

  it('splits at the last " / Expected: ": the same words inside what the target sent are its text', () => {
    expect(messageShape('Received: "a / Expected: 1" / Expected: 200')).toBe('Received: "…" / Expected: …');
  });
});

describe('failureDigestOf: what it groups and in which order', () => {
  const v = (check: string, step?: string) => violation({ check, message: 'Received: 500 / Expected: 200', ...(step === undefined ? {} : { step }) });

  it('groups the errors of failed cases only: a flaky case\'s and a warning have lines of their own', () => {
    expect(failureDigestOf([{ ...failedResult, id: 'op/a', violations: [v('x')] }, { ...failedResult, id: 'op/b', status: 'flaky', violations: [v('x')] }])).toEqual([]);
    const warning = violation({ check: 'x', severity: 'warning', message: 'Received: 500 / Expected: 200' });
    expect(failureDigestOf([{ ...failedResult, id: 'op/a', violations: [warning] }, { ...failedResult, id: 'op/b', violations: [warning] }])).toEqual([]);
  });

  it('counts each step of a sequence as an answer of its own, and puts the fault with the most answers first', () => {
    const groups = failureDigestOf([
      { ...failedResult, id: 'op/a', violations: [v('few'), v('many', 's1'), v('many', 's2')] },
      { ...failedResult, id: 'op/b', violations: [v('few'), v('many')] },
    ]);
    expect(groups.map((g) => [g.check, g.failures, g.answers, g.cases])).toEqual([
      ['many', 3, 3, 2],
      ['few', 2, 2, 2],
    ]);
  });

  it("counts a concurrent step's copies as answers of their own, and a wrong status of one copy as that copy's alone", () => {
    // Two starts sent at once under one step: the runner names each finding's copy (`copy`, and "copy 2 of 2: …" in words).
    const copy = (n: number, check: string) => violation({ check, step: 'start', message: `${copyPrefix(n, 2)}Received: 500 / Expected: 202`, copy: n });
    const groups = failureDigestOf([
      { ...failedResult, id: 'op/a', violations: [copy(1, 'x'), copy(2, 'x')] },
      { ...failedResult, id: 'op/b', violations: [copy(1, 'x'), copy(2, 'x'), copy(1, 'not-a-server-error')] },
    ]);
    expect(groups.map((g) => [g.check, g.failures, g.answers, g.cases, g.wrongStatusAnswers])).toEqual([['x', 4, 4, 2, 1]]);
  });

  it("counts a finding as a copy's by the copy the runner set on it, never by its words: messages that start as copies' do are of their step's one answer", () => {
    // Steps sent once: each case's two findings are of its one answer, whatever text leads them.
    const lookalike = (n: number, check: string) => violation({ check, step: 'start', message: `${copyPrefix(n, 2)}Received: 500 / Expected: 202` });
    const groups = failureDigestOf([
      { ...failedResult, id: 'op/a', violations: [lookalike(1, 'x'), lookalike(2, 'x')] },
      { ...failedResult, id: 'op/b', violations: [lookalike(1, 'x'), lookalike(2, 'x'), violation({ check: 'not-a-server-error', step: 'start' })] },
    ]);
    expect(groups.map((g) => [g.check, g.failures, g.answers, g.cases, g.wrongStatusAnswers])).toEqual([['x', 4, 2, 2, 1]]);
  });

  it('puts the fault with more answers first when two have as many failures (one answer with it twice counts once)', () => {
    // "z": 4 failures in 4 answers (two steps of two cases); "a": 4 failures in 2 answers. By name, "a" would come first.
    const groups = failureDigestOf([
      { ...failedResult, id: 'op/a', violations: [v('z', 's1'), v('z', 's2'), v('a'), v('a')] },
      { ...failedResult, id: 'op/b', violations: [v('z', 's1'), v('z', 's2'), v('a'), v('a')] },
    ]);
    expect(groups.map((g) => [g.check, g.failures, g.answers])).toEqual([
      ['z', 4, 4],
      ['a', 4, 2],
    ]);
  });

  it('names three faults in summary.md and counts the rest, which the per-case list below still shows', () => {
    const checks = ['c1', 'c2', 'c3', 'c4', 'c5'];
    const md = renderMarkdown(report(['op/a', 'op/b'].map((id) => ({ ...failedResult, id, violations: checks.map((check) => v(check)) }))));
    expect(md).toContain('- By fault, each case below (2 more faults, their cases in the list below):\n');
    const start = md.indexOf('- By fault');
    const faults = md.slice(start).split('\n').slice(1).filter((line) => line.startsWith('  - `c'));
    expect(faults).toHaveLength(3);
  });

  it('names a fourth fault in summary.md rather than "1 more fault", within the same budget of lines; two past three are counted', () => {
    const summary = (checks: readonly string[]): string => renderMarkdown(report(['op/a', 'op/b'].map((id) => ({ ...failedResult, id, violations: checks.map((check) => v(check)) }))));
    const four = summary(['c1', 'c2', 'c3', 'c4']);
    expect(four).toContain('- By fault, each case below:\n');
    expect(four).not.toMatch(/more fault/);
    const start = four.indexOf('- By fault');
    expect(four.slice(start).split('\n').slice(1).filter((line) => line.startsWith('  - `c'))).toHaveLength(4);
    // The faults and the per-case list share one budget: the fourth fault's line is one fewer of the list's.
    const listed = (md: string): number => md.slice(md.indexOf('**Failures**')).split('\n\n')[1]?.split('\n').length ?? 0;
    const five = summary(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(listed(four)).toBe(listed(five));
    expect(five).toContain('- By fault, each case below (2 more faults, their cases in the list below):\n');
  });

  it("groups a wrong status by what the target did, not by each scenario's reason (a server with no auth check: one fault, not one a case)", () => {
    // Seen against a server that serves every request whatever its credentials: 24 of 26 failing
    // cases were each "a fault" of their own, because each case's `because` differs, and the only
    // line of the digest named a fault of 2 cases.
    const served = (id: string, because: string) => ({ ...failedResult, id, violations: [violation({ check: 'status-code-expected', title: 'Expected status 401, received 200', instancePath: '', message: `Received: 200 (authentication not enforced: the request was served) / Expected: 401 because ${because}` })] });
    const results = [served('op/basic-scheme', 'only the bearer scheme is documented'), served('op/key-without-scheme', 'the security scheme is HTTP bearer: the key must follow "Bearer "'), served('op/wrong-case', 'a key is compared exactly')];
    const groups = failureDigestOf(results);
    expect(groups.map((g) => [g.shape, g.cases, g.firstCase])).toEqual([['Received: 200 (authentication not enforced: the request was served) / Expected: 401', 3, 'op/basic-scheme']]);
    expect(faultCountOf(results)).toBe(1);
    // What the target did still tells faults apart: a 404 (looked up first) is another fault than a 200 (served).
    const lookedUp = { ...failedResult, id: 'op/no-credentials', violations: [violation({ check: 'status-code-expected', title: 'Expected status 401, received 404', instancePath: '', message: 'Received: 404 (the sender was looked up before authenticating: sender ids can be enumerated) / Expected: 401 because only the bearer scheme is documented' })] };
    expect(faultCountOf([...results, lookedUp])).toBe(2);
    // Nor what was expected: its reason set aside, a 422 where 400 was due (a validation refusal's
    // status) and a 422 where 404 was due (an unknown sender) are two faults, not one.
    const refused = (id: string, expected: number, because: string) => ({ ...failedResult, id, violations: [violation({ check: 'status-code-expected', title: `Expected status ${expected}, received 422`, instancePath: '', message: `Received: 422 / Expected: ${expected} because ${because}` })] });
    const twoExpected = [refused('op/too-long', 400, 'the text is over 4096 characters'), refused('op/empty', 400, 'the text is empty'), refused('op/unknown-sender', 404, 'no sender has this id'), refused('op/other-project', 404, "another project's sender is not seen")];
    expect(faultCountOf(twoExpected)).toBe(2);
    expect(failureDigestOf(twoExpected).map((g) => [g.shape, g.cases])).toEqual([['Received: 422 / Expected: 400', 2], ['Received: 422 / Expected: 404', 2]]);
    // Another check's reason is its rule's, and stays in the key.
    const rule = (id: string, because: string) => ({ ...failedResult, id, violations: [violation({ check: 'body-assertions', message: `Received: "x" / Expected: "y" because ${because}` })] });
    expect(faultCountOf([rule('op/a', 'one'), rule('op/b', 'two')])).toBe(2);
  });

  it('a wrong status\'s line ends with the status it expected: no dangling "because …" a reviewer reads as a reason cut off', () => {
    // Read on a red run against a server serving any Bearer token: "Expected: 401 because … — in
    // getWhatsAppSyncStatus" read as a truncation; each case's reason is on its own line below.
    const served = (id: string, because: string) => ({ ...failedResult, id, operationId: 'getWhatsAppSyncStatus', violations: [violation({ check: 'status-code-expected', title: 'Expected status 401, received 200', instancePath: '', message: `Received: 200 (authentication not enforced: the request was served) / Expected: 401 because ${because}` })] });
    const results = [served('getWhatsAppSyncStatus/key-case-changed', 'a key is compared exactly'), served('getWhatsAppSyncStatus/key-with-suffix', 'a key is compared whole')];
    const line = 'status-code-expected — Received: 200 (authentication not enforced: the request was served) / Expected: 401 — in getWhatsAppSyncStatus: 2 answers in 2 cases';
    const consoleText = renderConsole(report(results));
    expect(consoleText).toContain(`  ${line} (first getWhatsAppSyncStatus/key-case-changed)\n`);
    const md = renderMarkdown(report(results));
    expect(md).toContain('  - `status-code-expected` — Received: 200 (authentication not enforced: the request was served) / Expected: 401 — in getWhatsAppSyncStatus: 2 answers in 2 cases');
    for (const text of [consoleText, md, renderHtml(report(results))]) expect(text).not.toContain('because …');
    // The reasons themselves stay, each on its case's line.
    expect(consoleText).toContain('Expected: 401 because a key is compared exactly');
    expect(md).toContain('Expected: 401 because a key is compared whole');
  });

  it("keeps one cause's wrong status on one line when the suite's diagnosis names another configured variable in each case", () => {
    // Read on a red run against a server answering every read 404: "the target does not know this
    // sender" split over two lines, ZAVU_SENDER_COEXISTENCE's senders and the one that variable
    // shares with ZAVU_SENDER_NOT_ACTIVE, the second left out of summary.md as "1 more fault".
    const unknown = (id: string, variables: string, value: string) => ({ ...failedResult, id, operationId: 'getWhatsAppSyncStatus', violations: [violation({ check: 'status-code-expected', title: 'Expected status 200, received 404', instancePath: '', message: `Received: 404 (${variables} "${value}": the target does not know this sender (404): check the id) / Expected: 200 because the sender is connected in coexistence mode` })] });
    const results = [
      unknown('getWhatsAppSyncStatus/coexistence[snd_coex_active]', 'ZAVU_SENDER_COEXISTENCE', 'snd_coex_active'),
      unknown('getWhatsAppSyncStatus/coexistence[snd_coex_fresh]', 'ZAVU_SENDER_COEXISTENCE', 'snd_coex_fresh'),
      unknown('getWhatsAppSyncStatus/coexistence[snd_coex_pending_verification]', 'ZAVU_SENDER_COEXISTENCE and ZAVU_SENDER_NOT_ACTIVE', 'snd_coex_pending_verification'),
      unknown('getWhatsAppSyncStatus/not-active', 'ZAVU_SENDER_NOT_ACTIVE and ZAVU_SENDER_COEXISTENCE', 'snd_coex_pending_verification'),
    ];
    expect(faultCountOf(results)).toBe(1);
    const md = renderMarkdown(report(results));
    expect(md).toContain('- By fault, each case below:\n  - `status-code-expected` — Received: 404 (ZAVU\\_SENDER\\_… "…": the target does not know this sender (404): check the id) / Expected: 200 — in getWhatsAppSyncStatus: 4 answers in 4 cases');
    expect(md).not.toContain('more fault');
    // Each case's line still names its variables; a fault of one variable only keeps its name on its line.
    expect(md).toContain('Received: 404 (ZAVU\\_SENDER\\_COEXISTENCE and ZAVU\\_SENDER\\_NOT\\_ACTIVE');
    expect(failureDigestOf(results.slice(0, 2)).map((g) => g.shape)).toEqual(['Received: 404 (ZAVU_SENDER_COEXISTENCE "…": the target does not know this sender (404): check the id) / Expected: 200']);
    // What the target sent and what was due still tell faults apart.
    const other = (id: string, received: number, expected: number) => ({ ...unknown(id, 'ZAVU_SENDER_NO_WABA', 'snd_sms_no_waba'), violations: [violation({ check: 'status-code-expected', title: `Expected status ${expected}, received ${received}`, instancePath: '', message: `Received: ${received} (ZAVU_SENDER_NO_WABA "snd_sms_no_waba": the target does not know this sender (404): check the id) / Expected: ${expected} because no WABA` })] });
    expect(faultCountOf([...results, other('op/a', 404, 400), other('op/b', 404, 400)])).toBe(2);
    expect(faultCountOf([...results, other('op/a', 410, 200), other('op/b', 410, 200)])).toBe(2);
  });

  it('counts failures apart from answers when an answer had a fault more than once', () => {
    const group = { check: 'x', shape: 's', failures: 3, answers: 2, cases: 1, firstCase: 'op/a' };
    expect(failureGroupCounts(group)).toBe('3 failures in 2 answers, 1 case');
    expect(failureGroupCounts({ ...group, failures: 2 })).toBe('2 answers in 1 case');
  });

  it('counts requests, not answers, for a fault of no answer: a reset, a refused connection or a timeout is no answer', () => {
    // A mock's process gone behind a proxy that still takes connections: 17 cases failed on resets, once read "17 answers in 17 cases".
    const reset = (id: string): CaseResult => result({ id, status: 'failed', violations: [violation({ check: 'transport-error', title: 'The request failed before a complete response (reset)', message: 'Received: transport error reset: ECONNRESET: socket hang up / Expected: an HTTP response', instancePath: '' })] });
    const timedOut = (id: string): CaseResult => result({ id, status: 'failed', violations: [violation({ check: 'timeout', title: 'The request timed out', message: 'Received: no complete response after 2000 ms (timeout) / Expected: an HTTP response within the time limit', instancePath: '' })] });
    const groups = failureDigestOf([reset('op/a'), reset('op/b'), timedOut('op/c'), timedOut('op/d')]);
    expect(groups.map(failureGroupCounts)).toEqual(['2 requests in 2 cases', '2 requests in 2 cases']);
    expect(failureGroupCounts({ check: 'transport-error', shape: 's', failures: 3, answers: 2, cases: 1, firstCase: 'op/a' })).toBe('3 failures in 2 requests, 1 case');
  });

  it("says requests in conformance.html's By fault table too, whose column of counts is headed answers", () => {
    const reset = (id: string): CaseResult => result({ id, status: 'failed', violations: [violation({ check: 'transport-error', title: 'The request failed before a complete response (reset)', message: 'Received: transport error reset: ECONNRESET: socket hang up / Expected: an HTTP response', instancePath: '' })] });
    const html = renderHtml(report([reset('op/a'), reset('op/b'), reset('op/c')]));
    const row = /<tr><td><code>transport-error<\/code><\/td>.*?<\/tr>/.exec(html)?.[0] ?? '';
    expect(row).toContain('<td>3</td><td>3 requests</td><td>3</td>');
  });
});

describe('failureDigestOf: a wrong status before what it makes of the body and headers', () => {
  // A body or header judged on an answer whose status was wrong is judged against the wrong
  // response: seen against a server answering an unknown sender 200 {}, "response-schema: missing
  // sync" (18 answers) topped the digest over the wrong status itself, which the suite's diagnosis
  // splits in three lines (9, 7 and 2 answers), so the first line named the consequence.
  const wrongStatus = (because: string) => violation({ check: 'status-code-expected', title: 'Expected status 404, received 200', instancePath: '', message: `Received: 200 (${because}) / Expected: 404 because the sender is unknown` });
  const missingSync = violation({ check: 'response-schema', instancePath: '', schemaPath: 'WhatsAppSyncStatus.json#/required', message: "Received: {} / Expected: must have required property 'sync'" });
  const noContentType = violation({ check: 'content-type', instancePath: '', message: 'Received: no Content-Type header / Expected: application/json as documented for 404' });
  const failing = (id: string, ...violations: Violation[]): CaseResult => ({ ...failedResult, id: readId(id), violations });

  it('lists the status faults first when every answer of a body fault had a wrong status, and counts those answers', () => {
    const results = [
      ...['u1', 'u2', 'u3'].map((id) => failing(id, wrongStatus('answered as if it were the key\'s'), missingSync)),
      ...['n1', 'n2'].map((id) => failing(id, wrongStatus('authentication not enforced'), missingSync)),
    ];
    const groups = failureDigestOf(results);
    expect(groups.map((g) => [g.check, g.answers, g.wrongStatusAnswers])).toEqual([
      ['status-code-expected', 3, undefined],
      ['status-code-expected', 2, undefined],
      ['response-schema', 5, 5],
    ]);
    // Never hidden, and the line says why it is below: "5 answers in 5 cases, each with a wrong status".
    expect(failureGroupCounts(groups[2]!)).toBe('5 answers in 5 cases, each with a wrong status');
    const consoleText = renderConsole(report(results));
    expect(consoleText.trimEnd().split('\n').find((line) => line.startsWith('failing (each above): '))).toMatch(/; top fault: status-code-expected, 3 answers in 3 cases$/);
  });

  it('ranks a fault by its answers whose status was right: a body fault of its own keeps its place above a smaller status fault', () => {
    // A gateway answering 404 with no body: the status is wrong on 4 answers, right on 2 (an unknown sender).
    const results = [
      ...['a', 'b', 'c', 'd'].map((id) => failing(id, wrongStatus('an empty body'), noContentType)),
      ...['e', 'f'].map((id) => failing(id, noContentType)),
      ...['g', 'h', 'i'].map((id) => failing(id, missingSync)),
    ];
    const groups = failureDigestOf(results);
    expect(groups.map((g) => [g.check, g.answers, g.wrongStatusAnswers])).toEqual([
      ['status-code-expected', 4, undefined],
      ['response-schema', 3, undefined],
      ['content-type', 6, 4],
    ]);
    expect(failureGroupCounts(groups[2]!)).toBe('6 answers in 6 cases, 4 with a wrong status');
    // The same answer is the same case and step: a wrong status in another step explains nothing.
    const steps = failureDigestOf(['a', 'b'].map((id) => failing(id, { ...wrongStatus('x'), step: 's1' }, { ...missingSync, step: 's2' }, { ...missingSync, step: 's3' })));
    expect(steps.map((g) => [g.check, g.answers, g.wrongStatusAnswers])).toEqual([
      ['response-schema', 4, undefined],
      ['status-code-expected', 2, undefined],
    ]);
  });

  it('with --repeat, counts an answer as one with a wrong status only when each repeat that had the fault had a wrong status too', () => {
    // 5 repeats of each case: one answered 503 (an intermittent gateway), four a 200 {} missing its
    // sync. The combined result holds both errors, yet "missing sync" was seen on answers whose
    // status was right: the union of repeats is no one answer.
    const repeated = (id: string, perRepeat: Violation[][]): CaseResult =>
      combineAttempts(perRepeat.map((violations) => ({ ...failedResult, id: readId(id), violations })));
    const sporadic = ['a', 'b'].map((id) => repeated(id, [[wrongStatus('x')], [missingSync], [missingSync], [missingSync], [missingSync]]));
    const groups = failureDigestOf(sporadic);
    expect(groups.map((g) => [g.check, g.answers, g.wrongStatusAnswers])).toEqual([
      ['response-schema', 2, undefined],
      ['status-code-expected', 2, undefined],
    ]);
    expect(() => assertConsistent(report(sporadic))).not.toThrow();
    // Each repeat with it had the wrong status too: counted, as for one run of the case.
    const always = ['a', 'b'].map((id) => repeated(id, [[wrongStatus('x'), missingSync], [wrongStatus('x'), missingSync], [wrongStatus('x')]]));
    expect(failureDigestOf(always).map((g) => [g.check, g.wrongStatusAnswers])).toEqual([
      ['status-code-expected', undefined],
      ['response-schema', 2],
    ]);
  });

  it('with repeats counted over every answer, says the wrong-status count is of distinct answers', () => {
    const repeated = (id: string, perRepeat: Violation[][]): CaseResult =>
      combineAttempts(perRepeat.map((violations) => ({ ...failedResult, id: readId(id), violations })));
    // 4 cases × 5 repeats of content-type: 20 answers over the repeats; in 1 case its status was wrong too (each repeat).
    const results = [
      repeated('w', Array.from({ length: 5 }, () => [wrongStatus('x'), noContentType])),
      ...['a', 'b', 'c'].map((id) => repeated(id, Array.from({ length: 5 }, () => [noContentType]))),
    ];
    const group = failureDigestOf(results).find((g) => g.check === 'content-type');
    expect(group).toMatchObject({ answers: 4, repeats: 5, repeatAnswers: 20, wrongStatusAnswers: 1 });
    // Not ", 1 with a wrong status" beside 20 answers: 1 of the 4 distinct ones (5 of the 20).
    expect(failureGroupCounts(group!)).toBe('20 answers in 4 cases over 5 repeats, 1 of its 4 distinct answers with a wrong status');
  });

  it('keeps the field in conformance.json, valid against the schema, and shows it in the HTML answers cell', () => {
    const withStatus = report(['a', 'b'].map((id) => failing(id, wrongStatus('x'), missingSync)));
    const json = JSON.parse(renderJson(withStatus)) as ConformanceReport;
    expect(validateReport(json).failureDigest?.faults[1]).toMatchObject({ check: 'response-schema', wrongStatusAnswers: 2 });
    expect(() => assertConsistent(withStatus)).not.toThrow();
    expect(renderHtml(withStatus)).toContain('<td>2, each with a wrong status</td>');
  });
});

describe('failureDigest: computed once, kept in the report, rendered from there', () => {
  const v = (check: string) => violation({ check, message: 'Received: 500 / Expected: 200' });
  /** Two failing cases with `faults` checks each: as many faults, each seen in both. */
  const faulty = (faults: number): ConformanceReport => {
    const checks = Array.from({ length: faults }, (_, i) => `c${String(i).padStart(2, '0')}`);
    return report(['a', 'b'].map((id) => ({ ...failedResult, id: readId(id), violations: checks.map(v) })));
  };

  it('is in conformance.json, bounded and valid against the schema, read back as written; a report whose digest disagrees with its results is never written', () => {
    const many = faulty(FAILURE_DIGEST_LIMIT + 5);
    expect(many.failureDigest?.faultCount).toBe(FAILURE_DIGEST_LIMIT + 5);
    expect(many.failureDigest?.faults).toHaveLength(FAILURE_DIGEST_LIMIT);
    expect(many.failureDigest?.faults[0]).toEqual({ check: 'c00', place: '/data/status', shape: 'Received: 500 / Expected: 200', failures: 2, answers: 2, cases: 2, firstCase: readId('a'), operations: ['getWhatsAppSyncStatus'] });
    const json = JSON.parse(renderJson(many)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['runInfo', 'summary', 'results', 'failureDigest']);
    expect(Object.keys(json['failureDigest'] as object)).toEqual(['faultCount', 'faults']);
    expect(validateReport(json).failureDigest).toEqual(many.failureDigest);
    // A shard's or a report's own field, not a newer suite's: read back, not left out.
    const read = readableReport(json);
    expect('report' in read && [read.ignored, read.report.failureDigest]).toEqual([[], many.failureDigest]);
    const faults = Array.from({ length: FAILURE_DIGEST_LIMIT + 1 }, () => many.failureDigest?.faults[0]);
    expect(() => validateReport({ ...json, failureDigest: { faultCount: FAILURE_DIGEST_LIMIT + 1, faults } })).toThrow(/\/failureDigest\/faults must NOT have more than 20 items/);

    expect(() => assertConsistent(many)).not.toThrow();
    const { failureDigest: _left, ...without } = many;
    expect(() => assertConsistent(without)).toThrow(/\/failureDigest is absent/);
    expect(() => assertConsistent({ ...report([result()]), failureDigest: many.failureDigest! })).toThrow(/\/failureDigest is present/);
    const miscounted = { ...many.failureDigest!, faultCount: FAILURE_DIGEST_LIMIT + 6 };
    expect(() => assertConsistent({ ...many, failureDigest: miscounted })).toThrow(/\/failureDigest is not the failing cases' errors by fault/);
  });

  it("the console, summary.md and conformance.html show the report's own digest, counting the faults it left out", () => {
    const many = faulty(FAILURE_DIGEST_LIMIT + 5);
    const digest = many.failureDigest!;
    // A stored shape the results would not give: what each renderer shows comes from the report.
    const stored = { ...many, failureDigest: { ...digest, faults: [{ ...digest.faults[0]!, shape: 'the stored shape' }, ...digest.faults.slice(1)] } };
    const consoleText = renderConsole(stored);
    expect(consoleText).toContain(`  c00 at /data/status — the stored shape — in getWhatsAppSyncStatus: 2 answers in 2 cases (first ${readId('a')})`);
    expect(consoleText).toContain('  … and 20 more faults seen in several cases (each case below)');
    const md = renderMarkdown(stored);
    expect(md).toContain('- By fault, each case below (22 more faults, their cases in the list below):\n  - `c00` at `/data/status` — the stored shape — in getWhatsAppSyncStatus: 2 answers in 2 cases');
    const html = renderHtml(stored);
    expect(html).toContain('<h3>By fault</h3>');
    expect(html).toMatch(/<tr><td><code>c00<\/code><\/td><td class="message">at <code>\/data\/status<\/code>: the stored shape<\/td><td><code>getWhatsAppSyncStatus<\/code><\/td><td>2<\/td><td>2<\/td><td>2<\/td><td><a href="#[^"]+"><code>getWhatsAppSyncStatus\/a<\/code><\/a><\/td><\/tr>/);
    expect(html).toContain('… and 5 more faults');
    // No fault seen in two cases: no digest, and no table.
    expect(renderHtml(report([failedResult]))).not.toContain('By fault');
  });
});

describe('failureDigest: the place of a fault', () => {
  // One check, one message, two places (both parts' canSync sent as a string): two faults, which
  // without their places would read as two identical lines in every report.
  const wrongType = (id: string, instancePath: string): CaseResult => ({ ...failedResult, id, violations: [violation({ check: 'response-schema', message: 'Received: "false" / Expected: must be boolean', instancePath })] });
  const results = ['a', 'b'].flatMap((id) => [wrongType(`op/history-${id}`, '/sync/history/canSync'), wrongType(`op/contacts-${id}`, '/sync/contacts/canSync')]);

  it('is kept with each fault, array indexes as *, and left out for a fault of the whole answer', () => {
    expect(failureDigestOf(results).map((g) => g.place)).toEqual(['/sync/contacts/canSync', '/sync/history/canSync']);
    const items = ['a', 'b'].map((id, i) => ({ ...failedResult, id: `op/${id}`, violations: [violation({ instancePath: `/items/${i}/x` })] }));
    expect(failureDigestOf(items).map((g) => g.place)).toEqual(['/items/*/x']);
    const status = ['a', 'b'].map((id) => ({ ...failedResult, id: `op/${id}`, violations: [violation({ check: 'status-code-expected', message: 'Received: 400 / Expected: 404', instancePath: '' })] }));
    expect(failureDigestOf(status)[0]).not.toHaveProperty('place');
  });

  it('is named on the fault\'s line in the console, summary.md and conformance.html, and valid in conformance.json', () => {
    const withDigest = report(results);
    expect(withDigest.failureDigest).toEqual(failureDigestFor(withDigest));
    const consoleText = renderConsole(withDigest);
    expect(consoleText).toContain('  response-schema at /sync/history/canSync — Received: "false" / Expected: must be boolean — in getWhatsAppSyncStatus: 2 answers in 2 cases');
    expect(consoleText).toContain('  response-schema at /sync/contacts/canSync — Received: "false" / Expected: must be boolean — in getWhatsAppSyncStatus: 2 answers in 2 cases');
    const md = renderMarkdown(withDigest);
    expect(md).toContain('  - `response-schema` at `/sync/history/canSync` — Received: "false" / Expected: must be boolean — in getWhatsAppSyncStatus: 2 answers in 2 cases');
    expect(md).toContain('  - `response-schema` at `/sync/contacts/canSync` — Received: "false" / Expected: must be boolean — in getWhatsAppSyncStatus: 2 answers in 2 cases');
    expect(renderHtml(withDigest)).toContain('<td class="message">at <code>/sync/history/canSync</code>: Received: &quot;false&quot; / Expected: must be boolean</td><td><code>getWhatsAppSyncStatus</code></td>');
    const json = JSON.parse(renderJson(withDigest)) as { failureDigest: { faults: Record<string, unknown>[] } };
    expect(Object.keys(json.failureDigest.faults[0] ?? {})).toEqual(['check', 'place', 'shape', 'failures', 'answers', 'cases', 'firstCase', 'operations']);
    expect(() => validateReport(json)).not.toThrow();
  });
});

describe('failureDigest with --repeat: answers over every repeat, not once per case', () => {
  /** A 502 where a 200 was due, on each of `repeats` repeats of a case: what a route down behind a load balancer answers. */
  const badGateway = violation({ check: 'status-code-expected', title: 'Unexpected status code', message: 'Received: 502 / Expected: 200', instancePath: '' });
  const repeated = (id: string, repeats: number, violations: Violation[][]): CaseResult =>
    combineAttempts(Array.from({ length: repeats }, (_, i) => ({ ...failedResult, id: readId(id), receivedStatus: 502, violations: violations[i % violations.length]! })));

  it('counts the answers of every repeat when the repeats tell them: 3 cases × 5 repeats of a 502 are 15 answers', () => {
    const results = ['a', 'b', 'c'].map((id) => repeated(id, 5, [[badGateway]]));
    const [group] = failureDigestOf(results);
    expect(group).toMatchObject({ check: 'status-code-expected', failures: 3, answers: 3, cases: 3, repeats: 5, repeatAnswers: 15 });
    expect(failureGroupCounts(group!)).toBe('15 answers in 3 cases over 5 repeats');
    const full = report(results);
    expect(() => assertConsistent(full)).not.toThrow();
    // Stored and read back (optional fields: an older report without them still reads), and shown by every renderer.
    const json = JSON.parse(renderJson(full)) as Record<string, unknown>;
    expect(validateReport(json).failureDigest).toEqual(full.failureDigest);
    const { repeats: _r, repeatAnswers: _a, ...older } = full.failureDigest!.faults[0]!;
    expect(() => validateReport({ ...json, failureDigest: { faultCount: 1, faults: [older] } })).not.toThrow();
    expect(renderConsole(full)).toContain('15 answers in 3 cases over 5 repeats');
    expect(renderMarkdown(full)).toContain('15 answers in 3 cases over 5 repeats');
    expect(renderHtml(full)).toContain('<td>15 over 5 repeats</td>');
    // A stored count the results do not give is refused like any other.
    expect(() => assertConsistent({ ...full, failureDigest: { faultCount: 1, faults: [{ ...full.failureDigest!.faults[0]!, repeatAnswers: 3 }] } })).toThrow(/\/failureDigest is not/);
  });

  it('counts only the repeats that had the fault: a case whose later repeats failed otherwise', () => {
    const other = violation({ check: 'json-body', message: 'Received: "<html>" (not JSON) / Expected: a JSON body' });
    const results = [repeated('a', 4, [[badGateway]]), repeated('b', 4, [[badGateway], [other]])];
    const group = failureDigestOf(results).find((g) => g.check === 'status-code-expected');
    expect(group).toMatchObject({ cases: 2, repeats: 4, repeatAnswers: 6 });
  });

  it('says the counts are of distinct answers when the repeats cannot tell which of a check\'s errors they had', () => {
    // Two faults of one check in a case: a repeat with a status-code-expected error had one of them, or both.
    const teapot = violation({ check: 'status-code-expected', title: 'Unexpected status code', message: 'Received: 418 / Expected: 200', instancePath: '' });
    const results = [repeated('a', 5, [[badGateway], [teapot]]), repeated('b', 5, [[badGateway]])];
    const group = failureDigestOf(results).find((g) => g.shape.includes('502'));
    expect(group).toMatchObject({ answers: 2, cases: 2, repeats: 5 });
    expect(group?.repeatAnswers).toBeUndefined();
    expect(failureGroupCounts(group!)).toBe('2 answers in 2 cases, counted once over 5 repeats');
    expect(() => assertConsistent(report(results))).not.toThrow();
  });

  it('counts over two repeats too, and only once over repeats when a case counted more of the check or had the fault in two answers', () => {
    const two = failureDigestOf(['a', 'b'].map((id) => repeated(id, 2, [[badGateway]])));
    expect(two[0]).toMatchObject({ repeats: 2, repeatAnswers: 4 });
    // More errors of the check only counted: a repeat with the check's error may have had another of them.
    const counted = { ...repeated('a', 3, [[badGateway]]), omittedViolations: [{ check: 'status-code-expected', severity: 'error' as const, count: 1, instancePath: '' }] };
    const [withCounted] = failureDigestOf([counted, repeated('b', 3, [[badGateway]])]);
    expect([withCounted?.repeats, withCounted?.repeatAnswers]).toEqual([3, undefined]);
    // The fault in two steps of a sequence: a repeat with the check's error may have had it in one of them.
    const inSteps = repeated('c', 3, [[{ ...badGateway, step: 'read' }, { ...badGateway, step: 'start' }]]);
    const [withSteps] = failureDigestOf([inSteps, repeated('b', 3, [[badGateway]])]);
    expect([withSteps?.repeats, withSteps?.repeatAnswers]).toEqual([3, undefined]);
    // The fault in two copies of one concurrent step: two answers too, as two steps are.
    const inCopies = repeated('d', 3, [[{ ...badGateway, step: 'start', copy: 1 }, { ...badGateway, step: 'start', copy: 2 }]]);
    const [withCopies] = failureDigestOf([inCopies, repeated('b', 3, [[badGateway]])]);
    expect([withCopies?.repeats, withCopies?.repeatAnswers]).toEqual([3, undefined]);
  });

  it('says the counts are of distinct answers for a check judged over the repeats together (a latency budget), not per repeat', () => {
    // A night of slow answers with --repeat 2 --latency-budget-ms: the budget fails the combined case, no
    // repeat's own checks have it, and "0 answers over 2 repeats" failed the report's own schema (exit 2, the night lost).
    const slow = (id: string): CaseResult => {
      const combined = repeated(id, 2, [[]]);
      const over = violation({ check: 'latency-budget', title: 'p95 latency is over the budget', message: 'Received: p95 400 ms over 2 exchanges / Expected: p95 at most 200 ms (--latency-budget-ms)', instancePath: '' });
      return { ...combined, status: 'failed', violations: [...combined.violations, over] };
    };
    const results = [slow('a'), slow('b')];
    const group = failureDigestOf(results).find((g) => g.check === 'latency-budget');
    expect(group).toMatchObject({ cases: 2, repeats: 2 });
    expect(group?.repeatAnswers).toBeUndefined();
    expect(() => validateReport(JSON.parse(renderJson(report(results))))).not.toThrow();
  });

  it('says nothing of repeats for a run of each case once', () => {
    const results = ['a', 'b'].map((id) => repeated(id, 1, [[badGateway]]));
    const [group] = failureDigestOf(results);
    expect(group?.repeats).toBeUndefined();
    expect(failureGroupCounts(group!)).toBe('2 answers in 2 cases');
  });
});
