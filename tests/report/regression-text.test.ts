import type { BaselineDiff, CaseResult, FamilyVerdict, HistoryFigures, HistoryRun } from '../../src/model';
import { NO_WRITES_REASON } from '../../src/model/result';
import { baselineHeadline, baselineRunText, certificateDetail, changedFailureText, faultText, legacyIdsSentence, newFailureNotes, partialByDesign, unseenSuccessNotes, withoutDataNote } from '../../src/report/regression-text';
import { result } from './fixtures';
import { certificate } from './regression-fixtures';

const diff = (over: Partial<BaselineDiff> = {}): BaselineDiff => ({
  baseline: { file: 'last.json', startedAt: '2026-11-24T03:00:00Z', target: 'https://staging.example' },
  newFailures: ['a'],
  fixed: [],
  stillFailing: [],
  newlySkipped: [],
  latencyRegressions: [],
  ...over,
});

test('new failures and fixed always, the rest when present', () => {
  expect(baselineHeadline(diff())).toBe('1 new failure, 0 fixed');
});

test('with --allow-flaky, the new failures flaky in this run are said not to be allowed (a new fault: they fail the run); without it, the bare count', () => {
  const result = (id: string, status: CaseResult['status']): CaseResult => ({ id, operationId: 'op', operation: 'GET /x', scenario: id, family: 'f', description: id, status, durationMs: 1, violations: [] });
  const three = diff({ newFailures: ['a', 'b', 'c'] });
  const results = [result('a', 'flaky'), result('b', 'failed'), result('c', 'flaky')];
  expect(baselineHeadline(three, results, true)).toBe('3 new failures (2 of them flaky in this run, with a new fault: not allowed by --allow-flaky), 0 fixed');
  expect(baselineHeadline(three, results)).toBe('3 new failures, 0 fixed');
  expect(baselineHeadline(diff(), [result('a', 'flaky')], true)).toBe('1 new failure (flaky in this run, with a new fault: not allowed by --allow-flaky), 0 fixed');
  expect(baselineHeadline(diff({ newFailures: ['a', 'c'] }), results, true)).toBe('2 new failures (all flaky in this run, with a new fault: not allowed by --allow-flaky), 0 fixed');
  // A flaky case still failing with the baseline's faults is allowed: no new failure to explain.
  expect(baselineHeadline(diff({ newFailures: ['b'], stillFailing: ['a', 'c'] }), results, true)).toBe('1 new failure, 0 fixed, 2 still failing');
  const notes = newFailureNotes(diff({ newFailures: ['a'], stillFailing: ['c'] }), results, undefined, true);
  expect(notes.get('a')).toBe('flaky in this run, with a new fault: not allowed by --allow-flaky');
  expect(newFailureNotes(diff({ newFailures: ['a'] }), results).get('a')).toBe('flaky in this run');
});

test('cases that disappeared since the baseline are counted', () => {
  expect(baselineHeadline(diff({ missing: ['x', 'y'] }))).toBe('1 new failure, 0 fixed, 2 cases of the baseline missing');
});

test('a baseline of the other kind says so in the headline, with how many cases were left out for it', () => {
  expect(baselineHeadline(diff({ otherKind: { baseline: 'read-only', leftOut: 12 } }))).toBe(
    '1 new failure, 0 fixed (the baseline is a read-only run, this one a write run: 12 write cases only this run ran left out, the cases both ran compared)',
  );
  expect(baselineHeadline(diff({ newFailures: [], otherKind: { baseline: 'writes', leftOut: 1 } }))).toBe(
    '0 new failures, 0 fixed (the baseline is a write run, this one read-only: 1 write case only the baseline ran left out, the cases both ran compared)',
  );
});

// A write run is not always one given --allow-writes (the embedded server takes every write without
// it; a replay of a write run's recordings sends nothing): the words name no flag. And with no case
// left out every case was compared as ever: "0 write cases … left out" said nothing true of the run.
test('a baseline of the other kind with no case left out for it says nothing of kinds', () => {
  expect(baselineHeadline(diff({ otherKind: { baseline: 'read-only', leftOut: 0 } }))).toBe('1 new failure, 0 fixed');
  expect(baselineHeadline(diff({ newFailures: [], otherKind: { baseline: 'writes', leftOut: 0 } }))).toBe('0 new failures, 0 fixed');
});

test('a baseline of another mode says so: a replay judges recorded answers, not the target', () => {
  expect(baselineHeadline(diff({ otherMode: { baseline: 'replay', now: 'live' } }))).toBe(
    "1 new failure, 0 fixed (the baseline is a replay of recordings, this run live: a verdict changed since may be the recordings' age, not the target's change)",
  );
  expect(baselineHeadline(diff({ otherMode: { baseline: 'live', now: 'replay' } }))).toBe(
    "1 new failure, 0 fixed (the baseline is a live run, this run a replay of recordings: a verdict changed since may be the recordings' age, not the target's change)",
  );
});

test('a baseline from another target says so', () => {
  expect(baselineHeadline(diff({ otherTarget: true }))).toBe('1 new failure, 0 fixed (the baseline was recorded against https://staging.example)');
});

test('a baseline judged under another contract or by another suite says so, so its new failures are not read as the target\'s alone', () => {
  const spec = { baseline: 'a'.repeat(64), now: 'b'.repeat(64) };
  expect(baselineHeadline(diff({ otherContract: { spec } }))).toBe('1 new failure, 0 fixed (the baseline was judged under another contract: spec sha256 aaaaaaaaaaaa then, bbbbbbbbbbbb now; a verdict changed since may be the contract\'s change, not the target\'s)');
  expect(baselineHeadline(diff({ otherContract: { suite: { baseline: '0.1.0', now: '0.2.0' } } }))).toBe('1 new failure, 0 fixed (the baseline was judged by zavu-conformance 0.1.0, this run by 0.2.0; a verdict changed since may be a check the suite changed, not the target)');
  expect(baselineHeadline(diff({ otherTarget: true, otherContract: { spec, suite: { baseline: '0.1.0', now: '0.2.0' } } }))).toBe(
    '1 new failure, 0 fixed (the baseline was recorded against https://staging.example) (the baseline was judged under another contract: spec sha256 aaaaaaaaaaaa then, bbbbbbbbbbbb now, and by zavu-conformance 0.1.0, this run by 0.2.0; a verdict changed since may be the contract\'s or the suite\'s change, not the target\'s)',
  );
});

test('a baseline judged by another build of this suite version says so, alone or beside the spec, as another version does', () => {
  const build = { baseline: 'a'.repeat(12), now: 'b'.repeat(12) };
  expect(baselineHeadline(diff({ otherContract: { build } }))).toBe('1 new failure, 0 fixed (the baseline was judged by another build of this suite version, build aaaaaaaaaaaa then, bbbbbbbbbbbb now; a verdict changed since may be a check the suite changed, not the target)');
  expect(baselineHeadline(diff({ otherContract: { spec: { baseline: 'a'.repeat(64), now: 'b'.repeat(64) }, build } }))).toBe(
    "1 new failure, 0 fixed (the baseline was judged under another contract: spec sha256 aaaaaaaaaaaa then, bbbbbbbbbbbb now, and by another build of this suite version, build aaaaaaaaaaaa then, bbbbbbbbbbbb now; a verdict changed since may be the contract's or the suite's change, not the target's)",
  );
});

test("a family's case stopped by a broken answer, with the family on both lines, is not said to be on both (certificate.json does not say which)", () => {
  // stoppedBefore counts the cases stopped by a response shape failure and by an internal error
  // exposed alike: beside a case of each line, one stopped case was said to be on both.
  const both = { ...certificate, families: certificate.families.map((f) => (f.verdict === 'failed' ? { ...f, verdict: 'not-judged' as const, failed: 0, notJudged: 2, responseShape: 1, internalErrorExposed: 1, stoppedBefore: 1 } : f)) };
  expect(certificateDetail(both)).toContain('1 not judged (authentication: 1 of 2 cases stopped before its own request by its broken answer on the response shape or internal error exposed line; 1 of 2 cases not among those on the response shape and internal error exposed lines)');
});

test('families whose sequences a broken read stopped are named once with the stop, so the line keeps why within what summary.md shows', () => {
  // A broken sender read before each start stops a case of every family that judges refusals.
  const ids = ['authentication', 'no-waba', 'not-coexistence', 'not-found', 'isolation', 'negative-inputs'];
  const families: FamilyVerdict[] = ids.map((family) => ({ family, title: family, core: true, verdict: 'not-judged', passed: 1, failed: 0, notJudged: family === 'not-found' ? 2 : 1, skipped: 0, responseShape: 1, stoppedBefore: 1, ...(family === 'isolation' ? { unauthenticated: 1, notJudged: 2 } : {}) }));
  const stopped = { ...certificate, families, responseShape: { verdict: 'failed' as const, failed: 6, families: ids, checks: ['response-schema'] } };
  const text = certificateDetail(stopped);
  expect(text).toBe('0 families certified, 6 not judged (authentication, no-waba, not-coexistence, not-found, isolation: 1 of 2 cases waits on authentication, negative-inputs; 6 of their 8 cases stopped before their own request by their broken answer on the response shape line), response shape failed (6 cases of authentication, no-waba, not-coexistence, not-found, isolation, negative-inputs: response-schema)');
  // summary.md keeps 400 characters of it (render-markdown.ts): the response shape line, the cause, is in them.
  expect(text.length).toBeLessThanOrEqual(400);
});

test('a baseline judged with other case data says so, alone or beside the spec and suite', () => {
  const cases = { baseline: 'c'.repeat(64), now: 'd'.repeat(64) };
  expect(baselineHeadline(diff({ otherContract: { cases } }))).toBe('1 new failure, 0 fixed (the baseline was judged with other case data: case data sha256 cccccccccccc then, dddddddddddd now; a verdict changed since may be a case the suite changed, not the target)');
  expect(baselineHeadline(diff({ otherContract: { spec: { baseline: 'a'.repeat(64), now: 'b'.repeat(64) }, suite: { baseline: '0.1.0', now: '0.2.0' }, cases } }))).toBe(
    "1 new failure, 0 fixed (the baseline was judged under another contract: spec sha256 aaaaaaaaaaaa then, bbbbbbbbbbbb now; judged by zavu-conformance 0.1.0, this run by 0.2.0; case data sha256 cccccccccccc then, dddddddddddd now; a verdict changed since may be the contract's or the suite's change, not the target's)",
  );
});

test('certified families are counted with the irregular plural; the families that keep the level down are named', () => {
  expect(certificateDetail(certificate)).toBe('1 family certified, 1 failed (authentication), 1 not tested, each case skipped (no-waba), 4 not applicable (start-sync, not-coexistence, not-found, negative-inputs), 1 case skipped');
  const two = { ...certificate, families: certificate.families.map((f) => (f.family === 'not-found' ? { ...f, verdict: 'certified' as const, passed: 1 } : f)) };
  expect(certificateDetail(two)).toMatch(/^2 families certified, /);
  const limited = { ...certificate, families: certificate.families.map((f) => (f.verdict === 'failed' ? { ...f, verdict: 'not-judged' as const, failed: 0, notJudged: 2 } : f)) };
  expect(certificateDetail(limited)).toBe('1 family certified, 1 not judged (authentication), 1 not tested, each case skipped (no-waba), 4 not applicable (start-sync, not-coexistence, not-found, negative-inputs), 1 case skipped');
});

test('a certificate over answers Node verified no TLS certificate for says so on its line (console, summary.md, HTML), first, so a cut line keeps it: the level stands', () => {
  expect(certificateDetail({ ...certificate, tlsUnverified: true })).toBe("no TLS certificate verified (NODE_TLS_REJECT_UNAUTHORIZED=0): the answers may not be the target's, 1 family certified, 1 failed (authentication), 1 not tested, each case skipped (no-waba), 4 not applicable (start-sync, not-coexistence, not-found, negative-inputs), 1 case skipped");
});

test('a family every case of which was skipped is said not tested, not "not applicable": a mock author who forgot a sender variable is not told the family does not apply', () => {
  // Seen on a run without the ZAVU_SENDER_* variables: "6 not applicable (coexistence, start-sync, …)",
  // though each of them applies to the mock, and its skip list says which variable to set.
  const unset = { ...certificate, families: certificate.families.map((f) => (f.family === 'coexistence' ? { ...f, verdict: 'not-applicable' as const, passed: 0, skipped: 3 } : f)) };
  expect(certificateDetail(unset)).toBe('0 families certified, 1 failed (authentication), 2 not tested, each case skipped (coexistence, no-waba), 4 not applicable (start-sync, not-coexistence, not-found, negative-inputs), 4 cases skipped');
  // A family with no case at all (none planned for the operation, none replayed) is still not applicable.
  expect(certificateDetail(unset)).toContain('not applicable (start-sync');
});

test('a family not judged because its route does not authenticate says it waits on authentication, not on the run', () => {
  // A mock that serves a wrong key fails authentication; its not-found case with that key is not
  // judged: read alone, "1 not judged (not-found)" beside a FAILED not-found case looks like a contradiction.
  const waits = { ...certificate, families: certificate.families.map((f) => (f.family === 'not-found' ? { ...f, verdict: 'not-judged' as const, passed: 2, notJudged: 1, unauthenticated: 1 } : f)) };
  expect(certificateDetail(waits)).toBe('1 family certified, 1 failed (authentication), 1 not judged (not-found: 1 case waits on authentication), 1 not tested, each case skipped (no-waba), 3 not applicable (start-sync, not-coexistence, negative-inputs), 1 case skipped');
  const some = { ...waits, families: waits.families.map((f) => (f.family === 'not-found' ? { ...f, notJudged: 4, unauthenticated: 2 } : f)) };
  expect(certificateDetail(some)).toContain('1 not judged (not-found: 2 of 4 cases wait on authentication)');
});

test('a family certified with some of its cases skipped is named with them: its line is not read as every case of it checked', () => {
  // A live run without ZAVU_OTHER_PROJECT_API_KEY: isolation's own-sender-other-project-key cases
  // skipped, its other cases passed. "certified" alone read as isolation checked both ways.
  const isolation = { family: 'isolation', title: 'Isolation', core: true, verdict: 'certified' as const, passed: 4, failed: 0, notJudged: 0, skipped: 7 };
  const partly = { ...certificate, families: [...certificate.families, isolation] };
  expect(certificateDetail(partly)).toBe('2 families certified, 1 failed (authentication), 1 not tested, each case skipped (no-waba), 4 not applicable (start-sync, not-coexistence, not-found, negative-inputs), 8 cases skipped (certified without them: 7 of isolation)');
  const two = { ...partly, families: [...partly.families, { ...isolation, family: 'ownership', skipped: 1 }] };
  expect(certificateDetail(two)).toMatch(/, 9 cases skipped \(certified without them: 7 of isolation, 1 of ownership\)$/);
});

test("a read-only run's write skips are not listed as a family certified without them: partialByDesign says them once", () => {
  // The default live run skips the starts of every family (a rule of writes): listed, the line read
  // "96 cases skipped (certified without them: 4 of no-waba, 4 of not-coexistence, … 50 of authentication, …)".
  const isolation = { family: 'isolation', title: 'Isolation', core: true, verdict: 'certified' as const, passed: 4, failed: 0, notJudged: 0, skipped: 3 };
  const partly = { ...certificate, families: [...certificate.families, isolation] };
  const skip = (id: string, operationId: string, skipReason: string): CaseResult => result({ id, status: 'skipped', operationId, family: 'isolation', skipReason });
  const writes = [skip('startWhatsAppHistorySync/other-project-sender', 'startWhatsAppHistorySync', NO_WRITES_REASON), skip('startWhatsAppContactsSync/other-project-sender', 'startWhatsAppContactsSync', NO_WRITES_REASON)];
  expect(certificateDetail(partly, writes)).toMatch(/, 4 cases skipped$/);
  // A skip of another reason (no other project's key) is still named, and per operation only its own.
  const withoutKey = [...writes, skip('getWhatsAppSyncStatus/own-sender-other-project-key', 'getWhatsAppSyncStatus', 'needs ZAVU_OTHER_PROJECT_API_KEY')];
  expect(certificateDetail(partly, withoutKey)).toMatch(/, 4 cases skipped \(certified without them: 1 of isolation\)$/);
  expect(certificateDetail({ ...partly, operationId: 'startWhatsAppHistorySync' }, withoutKey)).toMatch(/, 4 cases skipped$/);
});

test("an operation's documented success status that no answer had is named last", () => {
  expect(certificateDetail({ ...certificate, unseenSuccess: ['202'] })).toBe('1 family certified, 1 failed (authentication), 1 not tested, each case skipped (no-waba), 4 not applicable (start-sync, not-coexistence, not-found, negative-inputs), 1 case skipped, 202 never seen');
  expect(certificateDetail({ ...certificate, unseenSuccess: ['200', '201'] })).toMatch(/, 200 and 201 never seen$/);
  // Three read as a list, not "200 and 201 and 202".
  expect(certificateDetail({ ...certificate, unseenSuccess: ['200', '201', '202'] })).toMatch(/, 200, 201 and 202 never seen$/);
});

test('mapped legacy ids are one plain sentence, singular or plural, and nothing when none were mapped', () => {
  expect(legacyIdsSentence(diff())).toBe('');
  expect(legacyIdsSentence(diff({ mappedLegacyIds: 1 }))).toBe("1 case id of the baseline predates operation ids and was matched to this run's operations by operation label.");
  expect(legacyIdsSentence(diff({ mappedLegacyIds: 11 }))).toBe("11 case ids of the baseline predate operation ids and were matched to this run's operations by operation label.");
});

test('a PARTIAL certificate whose every skip is a write-safety one says it is by design; any other skip, or another level, says nothing', () => {
  const skip = (skipReason: string): CaseResult => ({ id: `x/${skipReason}`, operationId: 'x', operation: 'POST /x', scenario: 's', family: 'f', description: 'd', status: 'skipped', skipReason, durationMs: 0, violations: [] });
  const passed: CaseResult = { ...skip(''), status: 'passed' };
  const onlySandbox = [passed, skip('writes go only to ZAVU_SENDER_SYNCABLE (this case would write to snd_a)'), skip('writes to ZAVU_SENDER_OTHER_PROJECT (snd_o) need ZAVU_SENDER_OTHER_PROJECT_WRITABLE=1 as well as --allow-writes')];
  expect(partialByDesign({ level: 'partial', operations: [], target: 'http://127.0.0.1:4010' }, onlySandbox)).toMatch(/^partial by design: the skipped cases would write to senders other than the sandbox one \(ZAVU_SENDER_SYNCABLE\)/);
  expect(partialByDesign({ level: 'partial', operations: [], target: 'http://127.0.0.1:4010' }, [passed, skip(NO_WRITES_REASON)])).toBe('partial because the skipped cases write, which a run against a live target does only with --allow-writes (against a mock server, --allow-writes --mock-target runs them all)');
  // A fixture someone did not set is theirs to fix: the skip list says so, not this sentence.
  expect(partialByDesign({ level: 'partial', operations: [], target: 'http://127.0.0.1:4010' }, [...onlySandbox, skip('ZAVU_SENDER_NO_WABA is not set')])).toBe('');
  expect(partialByDesign({ level: 'full', operations: [], target: 'http://127.0.0.1:4010' }, [passed])).toBe('');
  // Against Zavu's own hosts --mock-target is refused (write-safety.ts): advice that cannot be followed there is not given.
  for (const target of ['https://api.zavu.dev', 'https://SANDBOX.api.zavu.dev./v1']) {
    expect(partialByDesign({ level: 'partial', operations: [], target }, [passed, skip(NO_WRITES_REASON)])).toBe('partial because the skipped cases write, which a run against a live target does only with --allow-writes');
    const zavu = partialByDesign({ level: 'partial', operations: [], target }, onlySandbox);
    expect(zavu).toMatch(/^partial by design: .* so a live run certifies no more$/);
    expect(zavu).not.toContain('--mock-target');
  }
  // A data-only write of an API team's own fixtures names its own write fixture, never the shipped one's
  // variable; with only consent skips (no skip names the write fixture), no variable at all.
  const own = [passed, skip('writes go only to ZVC_HOOK_SENDER (this case would write to snd_plain)'), skip('writes to ZVC_NO_HOOK (snd_nohook) need ZVC_NO_HOOK_WRITABLE=1 as well as --allow-writes')];
  expect(partialByDesign({ level: 'partial', operations: [], target: 'http://127.0.0.1:4010' }, own)).toBe('partial by design: the skipped cases would write to senders other than the sandbox one (ZVC_HOOK_SENDER), so a live run certifies no more; against a mock server, --mock-target runs them');
  const consentOnly = [passed, skip('writes to ZVC_NO_HOOK (snd_nohook) need ZVC_NO_HOOK_WRITABLE=1 as well as --allow-writes')];
  expect(partialByDesign({ level: 'partial', operations: [], target: 'http://127.0.0.1:4010' }, consentOnly)).toBe('partial by design: the skipped cases would write to senders other than the sandbox one, so a live run certifies no more; against a mock server, --mock-target runs them');
  // A target that is no URL (a hand-edited report) is no Zavu host: the mock's advice stays.
  expect(partialByDesign({ level: 'partial', operations: [], target: 'not a url' }, onlySandbox)).toContain('--mock-target runs them');
  expect(partialByDesign({ level: 'failed', operations: [], target: 'http://127.0.0.1:4010' }, onlySandbox)).toBe('');
  // Lowered by a success never seen as well: not by design alone, so not said.
  const unseen = [{ operationId: 'x', operation: 'POST /x', families: [], level: 'partial' as const, unseenSuccess: ['202'] }];
  expect(partialByDesign({ level: 'partial', operations: unseen, target: 'http://127.0.0.1:4010' }, onlySandbox)).toBe('');
});

test('an operation PARTIAL only because no success was seen says why and what to do (a mock run twice without a restart); a failed one, or none, says nothing', () => {
  const op = (operationId: string, level: 'partial' | 'failed' | 'full', unseenSuccess?: string[]) => ({ operationId, operation: `POST /${operationId}`, families: [], level, ...(unseenSuccess ? { unseenSuccess } : {}) });
  expect(unseenSuccessNotes({ operations: [op('a', 'full'), op('b', 'partial')] }, [])).toEqual([]);
  // A failed operation's refusals were not all right: the failures say why, not this note.
  expect(unseenSuccessNotes({ operations: [op('a', 'failed', ['202'])] }, [])).toEqual([]);
  expect(unseenSuccessNotes({ operations: [op('startWhatsAppHistorySync', 'partial', ['202']), op('startWhatsAppContactsSync', 'partial', ['202']), op('g', 'full')] }, [])).toEqual([
    '202 never seen: every request of startWhatsAppHistorySync, startWhatsAppContactsSync was rightly refused by the state read before it (a sync already pending, or at its limit), so none was seen to succeed; run again on fresh state (a mock restarted, a sandbox sender past its 24-hour limit)',
  ]);
  // The statuses of every refused operation, each once, read as a list.
  expect(unseenSuccessNotes({ operations: [op('a', 'partial', ['200', '201']), op('b', 'partial', ['201', '202'])] }, [])[0]).toMatch(/^200, 201 and 202 never seen: every request of a, b was rightly refused/);
});

test('a success never seen because the cases expecting it were skipped says so, with each skip\'s reason: not "rightly refused by the state read before it"', () => {
  const op = (operationId: string, unseenSuccess: string[]) => ({ operationId, operation: `GET /${operationId}`, families: [], level: 'partial' as const, unseenSuccess });
  const skipped = (id: string, expectedStatus: number, skipReason: string): CaseResult => {
    const r = result({ id: `getWhatsAppSyncStatus/${id}`, operationId: 'getWhatsAppSyncStatus', status: 'skipped', violations: [], skipReason, expectedStatus });
    delete r.receivedStatus;
    return r;
  };
  const results = [
    skipped('coexistence', 200, 'ZAVU_SENDER_COEXISTENCE is not set: nothing to test for role coexistence (a sender connected in coexistence mode)'),
    // Skipped, but no success asked for: not named.
    skipped('no-waba', 400, 'ZAVU_SENDER_NO_WABA is not set: nothing to test for role noWaba (…)'),
    skipped('not-active', 200, 'ZAVU_SENDER_NOT_ACTIVE is not set: nothing to test for role notActive (…)'),
    result({ id: 'getWhatsAppSyncStatus/unknown-sender', operationId: 'getWhatsAppSyncStatus', status: 'passed', expectedStatus: 404, receivedStatus: 404 }),
  ];
  const notes = unseenSuccessNotes({ operations: [op('getWhatsAppSyncStatus', ['200'])] }, results);
  expect(notes).toEqual([
    '200 never seen: the cases of getWhatsAppSyncStatus expecting a success were skipped (getWhatsAppSyncStatus/coexistence: ZAVU_SENDER_COEXISTENCE is not set; getWhatsAppSyncStatus/not-active: ZAVU_SENDER_NOT_ACTIVE is not set), so none was asked for, and the target refused none; the skips above say what each needs',
  ]);
  // One skipped, one refused: each said for what it is.
  const both = unseenSuccessNotes({ operations: [op('getWhatsAppSyncStatus', ['200']), { ...op('startWhatsAppHistorySync', ['202']), operation: 'POST /h' }] }, results.slice(0, 1));
  expect(both[0]).toMatch(/^200 never seen: the case of getWhatsAppSyncStatus expecting a success was skipped \(getWhatsAppSyncStatus\/coexistence: ZAVU_SENDER_COEXISTENCE is not set\)/);
  expect(both[1]).toMatch(/^202 never seen: every request of startWhatsAppHistorySync was rightly refused/);
  expect(unseenSuccessNotes({ operations: [op('getWhatsAppSyncStatus', ['200', '203', '2XX'])] }, results)[0]).toMatch(/^200, 203 and 2XX never seen: the cases of getWhatsAppSyncStatus expecting a success were skipped/);
  // A skip reason is someone's text (a sender id in it): escaped and bounded, and the cases beyond three counted.
  const many = Array.from({ length: 5 }, (_, i) => skipped(`c${i}`, 200, `writes go only to ZAVU_SENDER_SYNCABLE (this case would write to snd_\u001b[31m${'x'.repeat(300)})`));
  const [note] = unseenSuccessNotes({ operations: [op('getWhatsAppSyncStatus', ['200'])] }, many);
  expect(note).not.toContain('\u001b');
  expect(note).toContain('; +2 more)');
  expect(note?.length).toBeLessThan(700);
  // Four: the fourth named, never "+1 more".
  const [four] = unseenSuccessNotes({ operations: [op('getWhatsAppSyncStatus', ['200'])] }, many.slice(0, 4));
  expect(four).toContain('c3: ');
  expect(four).not.toMatch(/1 more/);
});

test('a success never seen because each case expecting one was answered with another status its row also accepts names those cases and statuses: not a sync "rightly refused by the state read before it"', () => {
  // A data-only read (no model, no sync): its rows accept 404 beside 200, and the fixtures named senders the target does not have.
  const op = { operationId: 'getSender', operation: 'GET /v1/senders/{senderId}', families: [], level: 'partial' as const, unseenSuccess: ['200'] };
  const results = [
    result({ id: 'getSender/known-sender[snd_z]', operationId: 'getSender', status: 'passed', expectedStatus: 200, receivedStatus: 404 }),
    result({ id: 'getSender/sender-without-waba', operationId: 'getSender', status: 'passed', expectedStatus: 200, receivedStatus: 404 }),
    result({ id: 'getSender/unknown-sender', operationId: 'getSender', status: 'passed', expectedStatus: 404, receivedStatus: 404 }),
  ];
  expect(unseenSuccessNotes({ operations: [op] }, results)).toEqual([
    '200 never seen: the cases of getSender expecting a success were answered with another status their rows also accept (getSender/known-sender[snd_z]: 404; getSender/sender-without-waba: 404), so none was seen to succeed; are their fixtures the ones meant?',
  ]);
});

test('a case accepted in place of another success than the one never seen (an OPTIONS answered 501 in place of its 204, a witness read of another status) is no reason for it: the starts refused by state are', () => {
  // 202 is the start's unseen success; an OPTIONS whose row accepts 501 beside 204 says nothing of why no start was accepted.
  const op = { operationId: 'startX', operation: 'POST /v1/x', families: [], level: 'partial' as const, unseenSuccess: ['202'] };
  const results = [
    result({ id: 'startX/options', operationId: 'startX', status: 'passed', expectedStatus: 204, receivedStatus: 501 }),
    // The start refused as the state read before it predicts: a sequence (read, then start).
    result({
      id: 'startX/refused',
      operationId: 'startX',
      status: 'passed',
      expectedStatus: 409,
      receivedStatus: 409,
      steps: [
        { id: 'read-before', operationId: 'getX', operation: 'GET /v1/x', status: 'passed', expectedStatus: 200, receivedStatus: 200, durationMs: 1 },
        { id: 'start', operationId: 'startX', operation: 'POST /v1/x', status: 'passed', expectedStatus: 409, receivedStatus: 409, durationMs: 1 },
      ],
    }),
  ];
  expect(unseenSuccessNotes({ operations: [op] }, results)).toEqual([expect.stringMatching(/^202 never seen: every request of startX was rightly refused by the state read before it/)]);
  // The same refusal sent alone (no state read before it) is its row's asking, said so: no state, no sync.
  const alone = results.map(({ steps: _steps, ...r }) => r);
  expect(unseenSuccessNotes({ operations: [op] }, alone)).toEqual(['202 never seen: no case of startX that ran expects a success (each expects a refusal, and got it), so none was seen to succeed; a row that expects 202 would show one']);
  // A range the contract documents (2XX) is matched by the status a case expected in it.
  const ranged = { ...op, unseenSuccess: ['2XX'] };
  expect(unseenSuccessNotes({ operations: [ranged] }, [result({ id: 'startX/a', operationId: 'startX', status: 'passed', expectedStatus: 202, receivedStatus: 404 })])).toEqual([expect.stringMatching(/^2XX never seen: the case of startX expecting a success was answered with another status its row also accepts \(startX\/a: 404\)/)]);
  // Accepted in place of it with another success (201 where 200 was expected): a success was seen, so no "none was seen to succeed".
  const otherSuccess = unseenSuccessNotes({ operations: [{ ...op, unseenSuccess: ['200'] }] }, [result({ id: 'startX/b', operationId: 'startX', status: 'passed', expectedStatus: 200, receivedStatus: 201 })]);
  expect(otherSuccess).toHaveLength(1);
  expect(otherSuccess[0]).not.toMatch(/answered with another status/);
});

test('the operations the spec has without data: five named, a sixth too (never "+1 more"), two past five counted', () => {
  const ids = Array.from({ length: 7 }, (_, i) => `op${i}`);
  expect(withoutDataNote(ids.slice(0, 6))).toBe('the spec has 6 operations with no data in operations/: not certified (op0, op1, op2, op3, op4, op5)');
  expect(withoutDataNote(ids)).toBe('the spec has 7 operations with no data in operations/: not certified (op0, op1, op2, op3, op4, +2 more)');
});

test("the baseline cases this run did not select are said once, as a count, apart from the missing ones", () => {
  expect(baselineHeadline(diff({ missing: ['x'], outOfScope: 94 }))).toBe("1 new failure, 0 fixed, 1 case of the baseline missing, 94 baseline cases outside this run's scope (not compared)");
});

describe('a case still failing with a fault the baseline did not have', () => {
  const diff = (changed: NonNullable<BaselineDiff['changedFailures']>): BaselineDiff => ({
    baseline: { file: 'b.json', startedAt: '2025-01-01T03:00:00.000Z', target: 't' }, newFailures: changed.map((c) => c.id), fixed: [], stillFailing: [], newlySkipped: [], latencyRegressions: [], changedFailures: changed,
  });

  it('is noted with what is new, in the words every report uses', () => {
    const notes = newFailureNotes(diff([{ id: 'op/a', newFaults: [{ check: 'not-a-server-error', place: '' }, { check: 'response-schema', place: '/data/*/id', step: 'poll' }] }]), [result({ id: 'op/a', status: 'flaky' })]);
    expect(notes.get('op/a')).toBe('still failing, and now also: not-a-server-error, response-schema at /data/*/id in step poll; flaky in this run');
  });

  it('says when the baseline could not show the fault, and that the doubt makes it new; names 3 faults and counts the rest', () => {
    const faults = ['a', 'b', 'c', 'd'].map((x) => ({ check: `check-${x}`, place: '' }));
    expect(changedFailureText({ id: 'x', newFaults: faults, moreNewFaults: 2, baselineIncomplete: 'cut' })).toBe(
      "still failing, and the baseline cannot show it had: check-a, check-b, check-c and 3 more (it only counted some of this case's errors of that check, without every place: written by an older suite, or more than 200 places or 20,000 characters of them), so it counts as new",
    );
    // A fourth fault held is named, never "and 1 more"; one only counted stays a count.
    expect(changedFailureText({ id: 'x', newFaults: faults })).toBe('still failing, and now also: check-a, check-b, check-c, check-d');
    expect(changedFailureText({ id: 'x', newFaults: faults.slice(0, 3), moreNewFaults: 1 })).toBe('still failing, and now also: check-a, check-b, check-c and 1 more');
    expect(changedFailureText({ id: 'x', newFaults: faults.slice(0, 1), baselineIncomplete: 'unlisted' })).toBe('still failing, but the baseline lists no violations (written by an older suite), so it cannot show it had: check-a; counts as new');
    expect(changedFailureText({ id: 'x', newFaults: [{ check: 'response-schema', place: '/a', step: 'read-later' }], baselineIncomplete: 'not-reached' })).toBe(
      'still failing, and the baseline cannot show it had: response-schema at /a in step read-later (its run of this case stopped at an earlier failure, before that step), so it counts as new',
    );
  });

  it('words errors only counted as under their place (or only counted, with no place), and names exactly three faults without "and 0 more"', () => {
    expect(faultText({ check: 'response-schema', place: '/data', under: true })).toBe('response-schema under /data');
    expect(faultText({ check: 'not-a-server-error', place: '', under: true })).toBe('not-a-server-error (errors only counted)');
    const three = ['a', 'b', 'c'].map((x) => ({ check: `check-${x}`, place: '' }));
    expect(changedFailureText({ id: 'x', newFaults: three })).toBe('still failing, and now also: check-a, check-b, check-c');
  });

  it('shows a step name (the registry\'s, or a recording\'s) escaped and bounded too', () => {
    const text = faultText({ check: 'timeout', place: '', step: `poll\u001b[31m${'y'.repeat(300)}` });
    expect(text).not.toContain('\u001b');
    expect(text.length).toBeLessThan(100);
  });

  it('shows a place (the target\'s property names) escaped and bounded', () => {
    const text = faultText({ check: 'response-schema', place: `/data/\u001b[31m${'x'.repeat(500)}` });
    expect(text).not.toContain('\u001b');
    expect(text.length).toBeLessThan(200);
  });
});

describe('baselineRunText: which run the baseline is', () => {
  const judged = (startedAt: string): HistoryRun => ({ startedAt, passRate: 1, passed: 1, judged: 1 });
  const notRun = (startedAt: string): HistoryRun => ({ startedAt, passRate: null, passed: 0, judged: 0, notRun: { reason: 'target https://staging.example is unreachable', exitCode: 3 } });
  const history = (runs: HistoryRun[]): HistoryFigures => ({ store: 'h.jsonl', target: 'https://staging.example', window: 30, runs, cases: [] });
  const tonight = judged('2026-11-27T03:00:00.000Z');

  test('dates the baseline as the History does (UTC, to the second), whatever offset its stamp was written with', () => {
    expect(baselineRunText(diff())).toBe('its run started 2026-11-24 03:00:00 UTC');
    expect(baselineRunText(diff({ baseline: { file: 'last.json', startedAt: '2026-11-24T05:00:00.123+02:00', target: 'https://staging.example' } }))).toBe('its run started 2026-11-24 03:00:00 UTC');
    // A stamp no Date reads (the baseline is anyone's file) is shown as given.
    expect(baselineRunText(diff({ baseline: { file: 'last.json', startedAt: 'last night', target: 'https://staging.example' } }))).toBe('its run started last night');
    // A stamp the baseline schema's date-time takes whose instant falls outside years 0000-9999 (its
    // offset across a year's end): ISO gives it a six-digit year, which the History's form cut in two.
    expect(baselineRunText(diff({ baseline: { file: 'last.json', startedAt: '0000-01-01T00:00:00+14:00', target: 'https://staging.example' } }))).toBe('its run started 0000-01-01T00:00:00+14:00');
    expect(baselineRunText(diff({ baseline: { file: 'last.json', startedAt: '9999-12-31T23:59:59-14:00', target: 'https://staging.example' } }))).toBe('its run started 9999-12-31T23:59:59-14:00');
  });

  test('with --history, says when the nights since the baseline were not run: it is older than last night', () => {
    const runs = [judged('2026-11-24T03:00:00Z'), notRun('2026-11-25T03:00:00Z'), notRun('2026-11-26T03:00:00Z'), tonight];
    expect(baselineRunText(diff(), history(runs))).toBe('its run started 2026-11-24 03:00:00 UTC, the last run judged: the 2 nights since it were not run');
    expect(baselineRunText(diff(), history([judged('2026-11-24T03:00:00Z'), notRun('2026-11-26T03:00:00Z'), tonight]))).toBe('its run started 2026-11-24 03:00:00 UTC, the last run judged: the night since it was not run');
  });

  test('with --history, says when runs were judged since the baseline (a baseline kept from an older night)', () => {
    const runs = [judged('2026-11-24T03:00:00Z'), judged('2026-11-25T03:00:00Z'), notRun('2026-11-26T03:00:00Z'), tonight];
    expect(baselineRunText(diff(), history(runs))).toBe('its run started 2026-11-24 03:00:00 UTC, not the last run: 1 run judged since it, 1 night not run');
    // Older than the window's first run: what the window holds is a lower bound.
    expect(baselineRunText(diff(), history([judged('2026-11-25T03:00:00Z'), tonight]))).toBe('its run started 2026-11-24 03:00:00 UTC, not the last run: at least 1 run judged since it');
  });

  test("finds the baseline's run in the window's order: a re-run stamped by a slow clock is after the run it re-ran", () => {
    // The store orders by orderKeys: the baseline's run (02:58 by its machine's clock, appended after
    // the 03:00 run) stands after it, the run before tonight's. By stamp alone, 03:00 was "since it".
    const runs = [judged('2026-11-24T03:00:00Z'), judged('2026-11-24T02:58:00Z'), tonight];
    const rerun = diff({ baseline: { file: 'last.json', startedAt: '2026-11-24T02:58:00.000Z', target: 'https://staging.example' } });
    expect(baselineRunText(rerun, history(runs))).toBe('its run started 2026-11-24 02:58:00 UTC');
    // Found by its instant, whatever offset either stamp was written with.
    const offset = diff({ baseline: { file: 'last.json', startedAt: '2026-11-24T04:58:00+02:00', target: 'https://staging.example' } });
    expect(baselineRunText(offset, history([...runs.slice(0, 2), notRun('2026-11-25T03:00:00Z'), tonight]))).toBe('its run started 2026-11-24 02:58:00 UTC, the last run judged: the night since it was not run');
  });

  test('says "at least" where the window may have left nights not run out (it shows the newest `window` of them)', () => {
    // --history-window 2, four nights down since the baseline: the window shows the newest two gaps.
    const capped: HistoryFigures = { ...history([judged('2026-11-24T03:00:00Z'), notRun('2026-11-27T03:00:00Z'), notRun('2026-11-28T03:00:00Z'), judged('2026-11-29T03:00:00.000Z')]), window: 2 };
    expect(baselineRunText(diff(), capped)).toBe('its run started 2026-11-24 03:00:00 UTC, the last run judged: at least 2 nights since it were not run');
    // --history-window 3, a gap shown before the baseline: those left out are older still, the count since it is whole.
    const whole: HistoryFigures = { ...history([judged('2026-11-22T03:00:00Z'), notRun('2026-11-23T03:00:00Z'), judged('2026-11-24T03:00:00Z'), notRun('2026-11-25T03:00:00Z'), notRun('2026-11-28T03:00:00Z'), judged('2026-11-29T03:00:00.000Z')]), window: 3 };
    expect(baselineRunText(diff(), whole)).toBe('its run started 2026-11-24 03:00:00 UTC, the last run judged: the 2 nights since it were not run');
    // Older than the window's first run: the nights not run before that run are not in it either.
    expect(baselineRunText(diff(), history([judged('2026-11-25T03:00:00Z'), notRun('2026-11-26T03:00:00Z'), tonight]))).toBe('its run started 2026-11-24 03:00:00 UTC, not the last run: at least 1 run judged since it, at least 1 night not run');
  });

  test('says nothing more when the baseline is the run before this one, without --history, or of another series', () => {
    const runs = [judged('2026-11-24T03:00:00Z'), tonight];
    expect(baselineRunText(diff(), history(runs))).toBe('its run started 2026-11-24 03:00:00 UTC');
    expect(baselineRunText(diff())).toBe('its run started 2026-11-24 03:00:00 UTC');
    const stale = history([judged('2026-11-24T03:00:00Z'), notRun('2026-11-25T03:00:00Z'), tonight]);
    // The window's runs are this target's of this kind: not the nights of a baseline of another target or kind.
    expect(baselineRunText(diff({ otherTarget: true }), stale)).toBe('its run started 2026-11-24 03:00:00 UTC');
    expect(baselineRunText(diff({ otherKind: { baseline: 'writes', leftOut: 0 } }), stale)).toBe('its run started 2026-11-24 03:00:00 UTC');
    expect(baselineRunText(diff({ otherMode: { baseline: 'replay', now: 'live' } }), stale)).toBe('its run started 2026-11-24 03:00:00 UTC');
  });
});

test('a PARTIAL left by a write fixture the run or its data could give (one not set, none declared, an unknown id chosen) is not by design: the skips say what to do', () => {
  const skip = (skipReason: string): CaseResult => ({ id: `x/${skipReason}`, operationId: 'x', operation: 'POST /x', scenario: 's', family: 'f', description: 'd', status: 'skipped', skipReason, durationMs: 0, violations: [] });
  const passed: CaseResult = { ...skip(''), status: 'passed' };
  const byRule = [passed, skip('writes go only to ZVC_HOOK_SENDER (this case would write to snd_plain)'), skip('writes to ZVC_NO_HOOK (snd_nohook) need ZVC_NO_HOOK_WRITABLE=1 as well as --allow-writes')];
  const at = { level: 'partial' as const, operations: [], target: 'http://127.0.0.1:4010' };
  expect(partialByDesign(at, byRule)).toMatch(/^partial by design: .*\(ZVC_HOOK_SENDER\)/);
  // Each of these the run's settings or the data lift, so "a live run certifies no more" would be untrue:
  // plan-cases.ts's skips when the write fixture is not set, when the fixtures mark no role writable, and when the unknown id was chosen.
  const liftable = [
    'writes go only to ZVC_HOOK_SENDER, which is not set (this case would POST an id that names no sender)',
    'writes go only to a fixture role marked "writable": true, and the fixtures declare none (this case would write to snd_hook)',
    'writes go only to a fixture role marked "writable": true, and the fixtures declare none (this case would POST ids that name no sender)',
    "writes go to an unknown id only when the suite generates it: ZVC_UNKNOWN is set, someone's choice, not known to name no sender (this case would write to snd_x)",
  ];
  expect(liftable.filter((reason) => partialByDesign(at, [...byRule, skip(reason)]) !== '')).toEqual([]);
  expect(liftable.filter((reason) => partialByDesign(at, [passed, skip(reason)]) !== '')).toEqual([]);
});
