/**
 * readLogFields' `contract`: read field by field from a file someone may have edited, bounded, and
 * kept in a map where an operationId such as "__proto__" is a key like any other.
 */
import { readEntryFields, readLogFields } from '../../src/recording/zavu-fields';

const sha = (c: string): string => c.repeat(64);
const log = (contract: unknown): unknown => ({ target: 't', recordedAt: '2026-01-01T00:00:00Z', skipped: [], contract });
const SHAPE = 'log._zavu.contract must be {specTitle, specVersion: strings, specSha256: a sha256 in hex, operations: {operationId: a sha256 in hex}}';

test('a contract is kept as recorded, an operationId "__proto__" among its own keys', () => {
  const operations = JSON.parse(`{"getStatus": "${sha('1')}", "__proto__": "${sha('2')}"}`) as Record<string, string>;
  const fields = readLogFields(log({ specTitle: 'Zavu API', specVersion: '0.2.0', specSha256: sha('a'), operations }));
  if (typeof fields === 'string') throw new Error(fields);
  expect(Object.entries(fields.contract?.operations ?? {})).toEqual([['getStatus', sha('1')], ['__proto__', sha('2')]]);
});

test('more operations than any spec this suite certifies (1000) is no run\'s: refused, not carried into the notes', () => {
  const many = (n: number): Record<string, string> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`op${i}`, sha('1')]));
  expect(typeof readLogFields(log({ specTitle: 'Zavu API', specVersion: '0.2.0', specSha256: sha('a'), operations: many(1000) }))).toBe('object');
  expect(readLogFields(log({ specTitle: 'Zavu API', specVersion: '0.2.0', specSha256: sha('a'), operations: many(1001) }))).toBe(SHAPE);
});

test('more sent case ids than any run sends (100,000) is no run\'s: refused in one line saying how many, before each id is read', () => {
  const withSent = (sent: unknown): unknown => ({ target: 't', recordedAt: '2026-01-01T00:00:00Z', skipped: [], sent });
  const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `getStatus/case-${i}`);
  const kept = readLogFields(withSent(ids(100_000)));
  if (typeof kept === 'string') throw new Error(kept);
  expect(kept.sent).toHaveLength(100_000);
  expect(readLogFields(withSent(ids(100_001)))).toBe('log._zavu.sent holds 100001 case ids, more than any run sends (at most 100000): not a recording this suite wrote');
  // A list too long is refused for its length, whatever it holds: no id of it is read.
  expect(readLogFields(withSent(new Array<unknown>(5_000_000).fill(0)))).toMatch(/^log\._zavu\.sent holds 5000000 case ids, more than any run sends/);
  expect(readLogFields(withSent(['a', 1]))).toBe('log._zavu.sent must be an array of case ids');
});

describe('log._zavu.skipped is bounded as log._zavu.sent is', () => {
  const withSkipped = (skipped: unknown): unknown => ({ target: 't', recordedAt: '2026-01-01T00:00:00Z', skipped });
  const skip = (caseId: string, reason = 'writes need --allow-writes', scenario = 'start'): Record<string, string> => ({ caseId, scenario, reason });

  test('more skipped cases than any run skips (100,000) is refused in one line saying how many, before each case is read', () => {
    const cases = (n: number): Record<string, string>[] => Array.from({ length: n }, (_, i) => skip(`startWhatsAppSync/case-${i}`));
    const kept = readLogFields(withSkipped(cases(100_000)));
    if (typeof kept === 'string') throw new Error(kept);
    expect(kept.skipped).toHaveLength(100_000);
    expect(readLogFields(withSkipped(cases(100_001)))).toBe('log._zavu.skipped holds 100001 cases, more than any run skips (at most 100000): not a recording this suite wrote');
    // Refused for its length, whatever it holds: no case of it is read.
    expect(readLogFields(withSkipped(new Array<unknown>(5_000_000).fill(0)))).toMatch(/^log\._zavu\.skipped holds 5000000 cases, more than any run skips/);
  });

  test('a case id or scenario longer than any case id (16,384) is refused naming where; one of that length is kept', () => {
    const longest = `startWhatsAppSync/${'a'.repeat(16_384 - 'startWhatsAppSync/'.length)}`;
    const kept = readLogFields(withSkipped([skip(longest)]));
    if (typeof kept === 'string') throw new Error(kept);
    expect(kept.skipped[0]?.caseId).toBe(longest);
    expect(readLogFields(withSkipped([skip('a/b'), skip(`${longest}x`)]))).toBe('log._zavu.skipped[1].caseId is 16385 characters, longer than any case id (at most 16384): not a recording this suite wrote');
    expect(readLogFields(withSkipped([skip('a/b', 'r', 's'.repeat(1_000_000))]))).toBe('log._zavu.skipped[0].scenario is 1000000 characters, longer than any case id (at most 16384): not a recording this suite wrote');
  });

  test('a reason is kept as written up to 2000 characters; a longer one is cut to an excerpt saying its size, and made inert', () => {
    const read = (reason: string): string => {
      const fields = readLogFields(withSkipped([skip('a/b', reason)]));
      if (typeof fields === 'string') throw new Error(fields);
      return fields.skipped[0]?.reason ?? '';
    };
    expect(read('r'.repeat(2000))).toBe('r'.repeat(2000));
    // Its length first: a failure then prints two numbers, not eight million characters.
    const cut = read('r'.repeat(8_000_000));
    expect(cut.length).toBe(2000 + '… (8000000 chars)'.length);
    expect(cut).toBe(`${'r'.repeat(2000)}… (8000000 chars)`);
    expect(read('edited \u001b[2J\nin')).toBe('edited \\u001b[2J\\nin');
  });
});

describe('case ids a recording carries are bounded and refused with control characters, wherever they are', () => {
  const longest = `getWhatsAppSyncStatus/${'a'.repeat(16_384 - 'getWhatsAppSyncStatus/'.length)}`;
  const entry = (fields: Record<string, unknown>): unknown => ({ caseId: 'op/a', scenario: 'a', authVariant: 'valid', path: '/x', ...fields });
  const withSent = (sent: unknown): unknown => ({ target: 't', recordedAt: '2026-01-01T00:00:00Z', skipped: [], sent });

  test("an entry's caseId or scenario longer than any case id (16,384) is refused in one line saying its length; one of that length is kept", () => {
    expect(readEntryFields(entry({ caseId: longest }))).toMatchObject({ caseId: longest });
    expect(readEntryFields(entry({ caseId: `${longest}x` }))).toBe('_zavu.caseId is 16385 characters, longer than any case id (at most 16384): not a recording this suite wrote');
    expect(readEntryFields(entry({ scenario: 's'.repeat(3_000_000) }))).toBe('_zavu.scenario is 3000000 characters, longer than any case id (at most 16384): not a recording this suite wrote');
  });

  test('a sent case id longer than any case id is refused naming its place', () => {
    const kept = readLogFields(withSent(['op/a', longest]));
    if (typeof kept === 'string') throw new Error(kept);
    expect(kept.sent).toEqual(['op/a', longest]);
    expect(readLogFields(withSent(['op/a', 'A'.repeat(3_000_000)]))).toBe('log._zavu.sent[1] is 3000000 characters, longer than any case id (at most 16384): not a recording this suite wrote');
  });

  test.each([
    ['an escape sequence', 'op/a[snd\u001b[2J]', '\\u001b at offset 8'],
    ['a line break', 'op/a[snd\n::error::x]', '\\n at offset 8'],
    ['DEL', 'op/\u007f', '\\u007f at offset 3'],
  ])('%s in a case id (no sender id a run takes holds one) is refused, shown as an escape with its place', (_what, id, shown) => {
    const why = `a control character (${shown}), which no case id holds: not a recording this suite wrote`;
    expect(readEntryFields(entry({ caseId: id }))).toBe(`_zavu.caseId holds ${why}`);
    expect(readEntryFields(entry({ scenario: id }))).toBe(`_zavu.scenario holds ${why}`);
    expect(readLogFields(withSent(['op/a', id]))).toBe(`log._zavu.sent[1] holds ${why}`);
    expect(readLogFields({ target: 't', recordedAt: 'r', skipped: [{ caseId: id, scenario: 'a', reason: 'r' }] })).toBe(`log._zavu.skipped[0].caseId holds ${why}`);
  });

  test('a bidi override or another invisible character, which a configured sender id may hold, is kept (the outputs escape it)', () => {
    expect(readEntryFields(entry({ caseId: 'op/a[snd\u202e\u200b\u0085]' }))).toMatchObject({ caseId: 'op/a[snd\u202e\u200b\u0085]' });
  });

  test('an authVariant that is no variant is quoted bounded and inert, not copied whole', () => {
    const why = readEntryFields(entry({ authVariant: `\u001b[2J${'A'.repeat(3_000_000)}` }));
    expect(typeof why).toBe('string');
    expect(why).toMatch(/^_zavu\.authVariant is "\\u001b\[2JAAAA/);
    expect(why).toContain('… (a string of 3000004 chars)');
    expect((why as string).length).toBeLessThan(2000);
    expect(why).not.toMatch(/\u001b/);
  });
});

describe("an entry's _zavu.path and _zavu.error.message are bounded as its case ids are", () => {
  const entry = (fields: Record<string, unknown>): unknown => ({ caseId: 'op/a', scenario: 'a', authVariant: 'valid', path: '/x', ...fields });
  const failed = (message: unknown): unknown => entry({ error: { kind: 'other', message } });

  test('a path longer than any a run sends (16,384) is refused in one line saying its length; one of that length is kept', () => {
    const longest = `/v1/senders/${'a'.repeat(16_384 - '/v1/senders/'.length)}`;
    expect(readEntryFields(entry({ path: longest }))).toMatchObject({ path: longest });
    expect(readEntryFields(entry({ path: `${longest}x` }))).toBe('_zavu.path is 16385 characters, longer than any path a run sends (at most 16384): not a recording this suite wrote');
    expect(readEntryFields(entry({ path: '/'.repeat(3_000_000) }))).toBe('_zavu.path is 3000000 characters, longer than any path a run sends (at most 16384): not a recording this suite wrote');
  });

  test.each([
    ['an escape sequence', '/v1/senders/\u001b[2J', '\\u001b at offset 12'],
    ['a line break', '/v1/\n::error::x', '\\n at offset 4'],
    ['DEL', '/v1/\u007f', '\\u007f at offset 4'],
  ])('%s in a path (a run percent-encodes every control character it sends) is refused, shown as an escape with its place', (_what, path, shown) => {
    expect(readEntryFields(entry({ path }))).toBe(`_zavu.path holds a control character (${shown}), which no path a run sends holds: not a recording this suite wrote`);
  });

  test('an error message longer than any a transport error has (16,384) is refused in one line saying its length; one of that length is kept', () => {
    const longest = 'E'.repeat(16_384);
    expect(readEntryFields(failed(longest))).toMatchObject({ error: { kind: 'other', message: longest } });
    expect(readEntryFields(failed(`${longest}x`))).toBe('_zavu.error.message is 16385 characters, longer than any transport error message (at most 16384): not a recording this suite wrote');
    expect(readEntryFields(failed('m'.repeat(3_000_000)))).toBe('_zavu.error.message is 3000000 characters, longer than any transport error message (at most 16384): not a recording this suite wrote');
  });

  test("an error message's control characters are kept inert, not refused: a line break as a space (an earlier suite wrote OpenSSL's, ending in one), the rest escaped", () => {
    const read = (message: string): string | undefined => {
      const fields = readEntryFields(failed(message));
      if (typeof fields === 'string') throw new Error(fields);
      return fields.error?.message;
    };
    expect(read('ERR_SSL_WRONG_VERSION_NUMBER: 80ACCAB35F7F0000:error:0A00010B:SSL routines::wrong version number:\n')).toBe('ERR_SSL_WRONG_VERSION_NUMBER: 80ACCAB35F7F0000:error:0A00010B:SSL routines::wrong version number:');
    expect(read('edited\r\n::error::forged \u001b[2J\u202e\u0085x')).toBe('edited ::error::forged \\u001b[2J\\u202e\\u0085x');
    // What today's recorder writes is read back unchanged.
    expect(read('ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9')).toBe('ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9');
  });

  test("an error message's line and paragraph separators and look-alike spaces are shown as escapes, not folded into a plain space as a line break is", () => {
    const fields = readEntryFields(failed('CN: evil\u2028x \u2029y\u00a0z\u3000w\ufeff'));
    if (typeof fields === 'string') throw new Error(fields);
    // Folded first, "evil x" could no longer say it was sent as "evil\u2028x", nor "y\u00a0z" as anything but "y z".
    expect(fields.error?.message).toBe('CN: evil\\u2028x \\u2029y\\u00a0z\\u3000w\\ufeff');
  });
});

describe("log._zavu.targetLost: the recorded run's loss of its target, which a replay says at the top", () => {
  const withLoss = (targetLost: unknown): unknown => ({ target: 't', recordedAt: '2026-01-01T00:00:00Z', skipped: [], targetLost });
  const SHAPE_OF_LOSS = 'log._zavu.targetLost must be {why: string, at?: string}';

  test('kept field by field, an extra one left behind', () => {
    expect(readLogFields(withLoss({ why: 'http://h stopped answering mid-run', at: 'GET /v1/senders/a/whatsapp-sync, exchange c', extra: 1 }))).toMatchObject({ targetLost: { why: 'http://h stopped answering mid-run', at: 'GET /v1/senders/a/whatsapp-sync, exchange c' } });
    expect(readLogFields(withLoss({ why: 'w' }))).toMatchObject({ targetLost: { why: 'w' } });
  });

  test.each([
    ['not an object', 'lost', SHAPE_OF_LOSS],
    ['no why', { at: 'GET /' }, SHAPE_OF_LOSS],
    ['an at that is no string', { why: 'w', at: 3 }, SHAPE_OF_LOSS],
    ['a why longer than any loss', { why: 'w'.repeat(2001) }, 'log._zavu.targetLost.why is 2001 characters, longer than the sentence of a target lost (at most 2000): not a recording this suite wrote'],
    ['a control character', { why: 'w', at: 'GET /\u001b[2J' }, 'log._zavu.targetLost.at holds a control character (\\u001b at offset 5), which no request named holds: not a recording this suite wrote'],
    // The report's own bounds (conformance-report.schema.json's TargetLost): read past them, the
    // loss reached the report's schema gate after the whole replay, an "internal error" of the suite.
    ['an at longer than any request named', { why: 'w', at: 'a'.repeat(1001) }, 'log._zavu.targetLost.at is 1001 characters, longer than a request named (at most 1000): not a recording this suite wrote'],
    ['an empty why', { why: '' }, 'log._zavu.targetLost.why is empty, which no loss is: not a recording this suite wrote'],
    ['an empty at', { why: 'w', at: '' }, 'log._zavu.targetLost.at is empty, which no loss is: not a recording this suite wrote'],
  ])('%s (a hand edit) is refused in one line naming the field', (_name, loss, message) => {
    expect(readLogFields(withLoss(loss))).toBe(message);
  });
});

describe('log._zavu.stopped and log._zavu.otherProjectKey: what a replay reports and plans of a case as the recorded run did', () => {
  const withFields = (fields: Record<string, unknown>): unknown => ({ target: 't', recordedAt: '2026-01-01T00:00:00Z', skipped: [], ...fields });
  const SHAPE_OF_STOPS = 'log._zavu.stopped must be an array of {caseId: string, why: "timeout" or "stray-error"}';

  test('kept field by field, an extra one left behind; absent, neither is said', () => {
    expect(readLogFields(withFields({ sent: ['op/a', 'op/b'], stopped: [{ caseId: 'op/a', why: 'timeout', extra: 1 }, { caseId: 'op/b', why: 'stray-error' }], otherProjectKey: true }))).toMatchObject({
      stopped: [{ caseId: 'op/a', why: 'timeout' }, { caseId: 'op/b', why: 'stray-error' }],
      otherProjectKey: true,
    });
    const bare = readLogFields(withFields({}));
    expect(typeof bare !== 'string' && ('stopped' in bare || 'otherProjectKey' in bare || 'tlsUnverified' in bare)).toBe(false);
    expect(readLogFields(withFields({ tlsUnverified: true }))).toMatchObject({ tlsUnverified: true });
    // A recording from before the kind was written reads as before: no kind of its own.
    expect(typeof bare !== 'string' && 'allowWrites' in bare).toBe(false);
    expect(readLogFields(withFields({ allowWrites: true }))).toMatchObject({ allowWrites: true });
  });

  test.each([
    ['not an array', { stopped: { caseId: 'op/a', why: 'timeout' } }, SHAPE_OF_STOPS],
    ['a why no run writes', { stopped: [{ caseId: 'op/a', why: 'tired' }] }, `${SHAPE_OF_STOPS} (at log._zavu.stopped[0])`],
    ['a case id that is no string', { stopped: [{ caseId: 3, why: 'timeout' }] }, `${SHAPE_OF_STOPS} (at log._zavu.stopped[0])`],
    ['a case id longer than any', { stopped: [{ caseId: 'a'.repeat(16_385), why: 'timeout' }] }, 'log._zavu.stopped[0].caseId is 16385 characters, longer than any case id (at most 16384): not a recording this suite wrote'],
    ['a case id with a control character', { stopped: [{ caseId: 'op/\u001b[2J', why: 'timeout' }] }, 'log._zavu.stopped[0].caseId holds a control character (\\u001b at offset 3), which no case id holds: not a recording this suite wrote'],
    ['more cases than any run sends', { stopped: Array.from({ length: 100_001 }, () => 0) }, 'log._zavu.stopped holds 100001 cases, more than any run sends (at most 100000): not a recording this suite wrote'],
    ['an otherProjectKey that is not true', { otherProjectKey: 'yes' }, "log._zavu.otherProjectKey must be true when present (the recorded run had the other project's key)"],
    ['a tlsUnverified that is not true', { tlsUnverified: 1 }, 'log._zavu.tlsUnverified must be true when present (the recorded run verified no TLS certificate)'],
    ['an allowWrites that is not true', { allowWrites: 'yes' }, 'log._zavu.allowWrites must be true when present (the recorded run was a write run)'],
    // A run keeps the stops of the cases it sent (finish-recording.ts): one named elsewhere (a case
    // skipped when recorded, or one of another file) would turn that case's own report into "timed out".
    ['a case the recording did not send', { sent: ['op/a'], stopped: [{ caseId: 'op/b', why: 'timeout' }] }, 'log._zavu.stopped[0].caseId is not among log._zavu.sent, and a run keeps the stops of the cases it sent only: not a recording this suite wrote'],
    ['stops without a list of the cases sent', { stopped: [{ caseId: 'op/a', why: 'timeout' }] }, 'log._zavu.stopped[0].caseId is not among log._zavu.sent, and a run keeps the stops of the cases it sent only: not a recording this suite wrote'],
  ])('%s (a hand edit) is refused in one line naming the field', (_name, fields, message) => {
    expect(readLogFields(withFields(fields))).toBe(message);
  });
});

describe("log._zavu.fixtures: the recorded run's configured senders by role, which a replay reads a 404 to one by", () => {
  const withFixtures = (fixtures: unknown): unknown => ({ target: 't', recordedAt: '2026-01-01T00:00:00Z', skipped: [], fixtures });
  const SHAPE = 'log._zavu.fixtures must be {<role>: [<sender id>, …]}, at most 64 roles, each a name of letters and digits (up to 64), each id a string of at most 1024 characters';

  test('kept as role → ids in a map with no prototype; absent, not said', () => {
    const read = readLogFields(withFixtures({ noWaba: ['snd_zz'], otherProject: ['snd_o', 'snd_\u202e'] }));
    if (typeof read === 'string') throw new Error(read);
    expect({ ...read.fixtures }).toEqual({ noWaba: ['snd_zz'], otherProject: ['snd_o', 'snd_\u202e'] });
    expect(Object.getPrototypeOf(read.fixtures)).toBeNull();
    const bare = readLogFields({ target: 't', recordedAt: '2026-01-01T00:00:00Z', skipped: [] });
    expect(typeof bare !== 'string' && 'fixtures' in bare).toBe(false);
  });

  test.each([
    ['not an object', ['snd_a'], SHAPE],
    ['a role that is no name', { 'no waba': ['snd_a'] }, SHAPE],
    ['ids that are no list', { noWaba: 'snd_a' }, SHAPE],
    ['an id that is no string', { noWaba: [3] }, SHAPE],
    ['more roles than any registry has', Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`r${i}`, []])), SHAPE],
    ['an empty id', { noWaba: [''] }, 'log._zavu.fixtures.noWaba[0] is empty, which no configured sender id is: not a recording this suite wrote'],
    ['an id longer than a run takes', { noWaba: ['s'.repeat(1025)] }, 'log._zavu.fixtures.noWaba[0] is 1025 characters, longer than any sender id a run takes (at most 1024): not a recording this suite wrote'],
    ['an id with a control character', { noWaba: ['snd_\u001b[2J'] }, 'log._zavu.fixtures.noWaba[0] holds a control character (\\u001b at offset 4), which no sender id a run takes holds: not a recording this suite wrote'],
    ['more ids than any run sends cases of', { noWaba: Array.from({ length: 100_001 }, () => 0) }, 'log._zavu.fixtures holds more than 100000 sender ids, more than any run sends cases of: not a recording this suite wrote'],
  ])('%s (a hand edit) is refused in one line naming the field', (_name, fixtures, message) => {
    expect(readLogFields(withFixtures(fixtures))).toBe(message);
  });
});
