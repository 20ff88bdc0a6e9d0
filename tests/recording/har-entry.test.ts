import { createScrubber } from '../../src/recording/scrub';
import { fromHarEntry, toHarEntry } from '../../src/recording/har-entry';
import { CASE_STOPPED_NOTE, stoppedExchange } from '../../src/transport/case-stopped';
import { apiKey, sampleExchange } from './fixtures';

const scrubber = createScrubber([apiKey]);

describe('toHarEntry', () => {
  it('writes a scrubbed HAR 1.2 entry that still says which auth variant was sent', () => {
    const exchange = sampleExchange({ auth: 'basic' });
    const entry = toHarEntry(exchange, { caseId: 'auth-basic', scenario: 'auth-basic', authVariant: 'basic' }, scrubber);
    expect(entry).toMatchObject({
      startedDateTime: exchange.startedAt,
      time: 87,
      request: { method: 'GET', url: exchange.request.url, httpVersion: 'HTTP/1.1', cookies: [], headersSize: -1, bodySize: 0, queryString: [] },
      response: { status: 200, statusText: 'OK', content: { mimeType: 'application/json', text: exchange.response?.bodyText } },
      cache: {},
      timings: { send: 0, wait: 87, receive: 0 },
      _zavu: { caseId: 'auth-basic', scenario: 'auth-basic', authVariant: 'basic', path: exchange.request.path },
    });
    expect(entry.request.headers).toContainEqual({ name: 'authorization', value: '[REDACTED]' });
    expect(JSON.stringify(entry)).not.toContain(apiKey);
  });

  it('writes no user-info of the target into the entry: request URL, redirect, Location header', () => {
    const exchange = sampleExchange({ status: 302 });
    exchange.request.url = `https://alice:pa55word@api.example.test${exchange.request.path}`;
    if (exchange.response) exchange.response.headers['location'] = 'https://alice:pa55word@api.example.test/elsewhere';
    const entry = toHarEntry(exchange, { caseId: 'c', scenario: 's', authVariant: 'valid' }, scrubber);
    expect(entry.request.url).toBe(`https://api.example.test${exchange.request.path}`);
    expect(entry.response.redirectURL).toBe('https://api.example.test/elsewhere');
    expect(entry.response.headers).toContainEqual({ name: 'location', value: 'https://api.example.test/elsewhere' });
    expect(JSON.stringify(entry)).not.toMatch(/alice|pa55word/);
  });

  it('records a transport error as status 0 with _zavu.error, scrubbed', () => {
    const exchange = sampleExchange({ error: { kind: 'tls', message: `handshake failed for ${apiKey}` } });
    const entry = toHarEntry(exchange, { caseId: 'c', scenario: 's', authVariant: 'valid' }, scrubber);
    expect(entry.response.status).toBe(0);
    expect(entry._zavu.error).toEqual({ kind: 'tls', message: 'handshake failed for [REDACTED]' });
  });
});

describe('fromHarEntry', () => {
  it('round-trips an exchange (credentials stay redacted)', () => {
    const exchange = sampleExchange({ id: 'coexistence[snd_coex_1]' });
    const back = fromHarEntry(toHarEntry(exchange, { caseId: exchange.id, scenario: 'coexistence', authVariant: 'valid' }, scrubber));
    expect(back).toEqual({
      caseId: exchange.id,
      scenario: 'coexistence',
      authVariant: 'valid',
      exchange: { ...exchange, request: { ...exchange.request, headers: { accept: 'application/json', authorization: '[REDACTED]' } } },
    });
  });

  it('round-trips a body that was not UTF-8, so a replay fails it as the live run did', () => {
    const exchange = sampleExchange();
    const notUtf8 = { ...exchange, response: { ...exchange.response!, notUtf8: true as const } };
    const entry = toHarEntry(notUtf8, { caseId: exchange.id, scenario: 's', authVariant: 'valid' }, scrubber);
    expect(entry._zavu.notUtf8).toBe(true);
    expect(fromHarEntry(entry).exchange.response?.notUtf8).toBe(true);
    expect(fromHarEntry(toHarEntry(exchange, { caseId: exchange.id, scenario: 's', authVariant: 'valid' }, scrubber)).exchange.response).not.toHaveProperty('notUtf8');
  });

  it('round-trips a transport error', () => {
    const exchange = sampleExchange({ error: { kind: 'timeout', message: 'no complete response within 300 ms' } });
    const back = fromHarEntry(toHarEntry(exchange, { caseId: exchange.id, scenario: 's', authVariant: 'valid' }, scrubber));
    expect(back.exchange.error).toEqual(exchange.error);
    expect(back.exchange.response).toBeUndefined();
  });

  it("round-trips the status of a timeout's head, and refuses one on another error or out of range", () => {
    const exchange = sampleExchange({ error: { kind: 'timeout', message: 'status 200 and 81 bytes of the answer came, not the rest, within 300 ms', headCame: true, headStatus: 200 } });
    const entry = toHarEntry(exchange, { caseId: exchange.id, scenario: 's', authVariant: 'valid' }, scrubber);
    // headCame is the live run's stop line's alone; the status is what a replay's case line says.
    expect(fromHarEntry(entry).exchange.error).toEqual({ kind: 'timeout', message: exchange.error?.message, headStatus: 200 });
    const edited = (error: object): typeof entry => ({ ...entry, _zavu: { ...entry._zavu, error } }) as unknown as typeof entry;
    expect(() => fromHarEntry(edited({ kind: 'reset', message: 'x', headStatus: 200 }))).toThrow(/_zavu\.error\.headStatus must be a final HTTP status \(200 to 999\), of a timeout only/);
    expect(() => fromHarEntry(edited({ kind: 'timeout', message: 'x', headStatus: 99 }))).toThrow(/headStatus must be/);
    expect(() => fromHarEntry(edited({ kind: 'timeout', message: 'x', headStatus: '200' }))).toThrow(/headStatus must be/);
  });

  it("round-trips a timeout's head of any final status Node reads (200 to 999), and refuses a 1xx, never a final head", () => {
    // Node hands a 799 head to the response (a 103 before it to 'information'): a recording of the
    // live run must replay, as its response.status up to 999 does; a 1xx is an interim head, never the answer's.
    for (const headStatus of [200, 799, 999]) {
      const exchange = sampleExchange({ error: { kind: 'timeout', message: `status ${headStatus} and 2 bytes of the answer came, not the rest, within 300 ms`, headCame: true, headStatus } });
      const entry = toHarEntry(exchange, { caseId: exchange.id, scenario: 's', authVariant: 'valid' }, scrubber);
      expect(fromHarEntry(entry).exchange.error?.headStatus).toBe(headStatus);
    }
    const entry = toHarEntry(sampleExchange(), { caseId: 'c', scenario: 's', authVariant: 'valid' }, scrubber);
    const edited = (error: object): typeof entry => ({ ...entry, _zavu: { ...entry._zavu, error } }) as unknown as typeof entry;
    for (const headStatus of [103, 199, 1000]) {
      expect(() => fromHarEntry(edited({ kind: 'timeout', message: 'x', headStatus }))).toThrow(/_zavu\.error\.headStatus must be a final HTTP status \(200 to 999\), of a timeout only/);
    }
  });

  it('round-trips the 429 retries that preceded the response', () => {
    // The last cut short by its case's stop: a replay says no retry followed it, as the live run did.
    const retries = [{ status: 429, waitedMs: 1000 }, { status: 429, waitedMs: 1000, retryAfter: 'unreadable' as const }, { status: 429, waitedMs: 12, stopped: true as const }];
    const exchange = { ...sampleExchange(), retries };
    const entry = toHarEntry(exchange, { caseId: exchange.id, scenario: 's', authVariant: 'valid' }, scrubber);
    expect(entry._zavu.retries).toEqual(retries);
    // The replay's warning says the wait was the suite's own, as the live run's did.
    expect(fromHarEntry(entry).exchange.retries).toEqual(retries);
    expect(() => fromHarEntry({ ...entry, _zavu: { ...entry._zavu, retries: [{ status: 429, waitedMs: 1, retryAfter: 'later' }] } } as unknown as typeof entry)).toThrow(/_zavu\.retries must be a list of/);
    expect(() => fromHarEntry({ ...entry, _zavu: { ...entry._zavu, retries: [{ status: 429, waitedMs: 1, stopped: 'yes' }] } } as unknown as typeof entry)).toThrow(/_zavu\.retries must be a list of/);
  });

  it("round-trips a final 429's spent run budget, so a replay says why it was final and keeps the budget warning", () => {
    const exchange = { ...sampleExchange(), rateLimitBudgetSpent: true as const };
    const entry = toHarEntry(exchange, { caseId: exchange.id, scenario: 's', authVariant: 'valid' }, scrubber);
    expect(entry._zavu.rateLimitBudgetSpent).toBe(true);
    expect(fromHarEntry(entry).exchange.rateLimitBudgetSpent).toBe(true);
    expect(fromHarEntry(toHarEntry(sampleExchange(), { caseId: 'c', scenario: 's', authVariant: 'valid' }, scrubber)).exchange.rateLimitBudgetSpent).toBeUndefined();
  });

  it('round-trips an answer that came only on a fresh connection after a reused one stayed silent, so a replay warns of it as the live run did', () => {
    const meta = { caseId: 'c', scenario: 's', authVariant: 'valid' as const };
    for (const keepAliveIgnored of [{}, { endedReuse: true as const, after: 3 }, { endedReuse: true as const, after: 1000 }]) {
      const entry = toHarEntry({ ...sampleExchange(), keepAliveIgnored }, meta, scrubber);
      expect(entry._zavu.keepAliveIgnored).toEqual(keepAliveIgnored);
      expect(fromHarEntry(entry).exchange.keepAliveIgnored).toEqual(keepAliveIgnored);
    }
    expect(fromHarEntry(toHarEntry(sampleExchange(), meta, scrubber)).exchange).not.toHaveProperty('keepAliveIgnored');
    // A hand-edited value is refused, not carried into a warning with a made-up count.
    for (const bad of [{ endedReuse: true }, { endedReuse: true, after: 0 }, { after: 2 }, { endedReuse: 'yes', after: 2 }, { endedReuse: true, after: 1001 }, { endedReuse: true, after: 2, more: 1 }, true]) {
      const entry = toHarEntry(sampleExchange(), meta, scrubber);
      (entry._zavu as unknown as Record<string, unknown>)['keepAliveIgnored'] = bad;
      expect(() => fromHarEntry(entry)).toThrow(/_zavu\.keepAliveIgnored must be/);
    }
  });

  it('round-trips the role a case\'s sender was bound through, absent when the case has none (as in older recordings)', () => {
    const meta = { caseId: 'c', scenario: 's', authVariant: 'valid' as const };
    const entry = toHarEntry(sampleExchange(), { ...meta, boundAs: { senderId: 'unknown' } }, scrubber);
    expect(entry._zavu.boundAs).toEqual({ senderId: 'unknown' });
    expect(fromHarEntry(entry).boundAs).toEqual({ senderId: 'unknown' });
    const none = toHarEntry(sampleExchange(), { ...meta, boundAs: {} }, scrubber);
    expect(none._zavu).not.toHaveProperty('boundAs');
    expect(fromHarEntry(none)).not.toHaveProperty('boundAs');
    // A hand-edited value is refused: a report would carry it (a role name), and a replay judge by it.
    const many = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`p${i}`, 'unknown']));
    for (const bad of [{ senderId: 3 }, { senderId: '<script>' }, { 'sender id': 'unknown' }, { senderId: 'x'.repeat(65) }, many, ['unknown'], 'unknown']) {
      const edited = toHarEntry(sampleExchange(), meta, scrubber);
      (edited._zavu as unknown as Record<string, unknown>)['boundAs'] = bad;
      expect(() => fromHarEntry(edited)).toThrow(/^_zavu\.boundAs must be \{<path parameter>: <role>\}, at most 8, each a name of letters and digits \(up to 64\)$/);
    }
  });

  it('round-trips a body cut off at the size bound, keeping only its start', () => {
    const exchange = sampleExchange();
    const truncated = { limitBytes: 16 * 1024 * 1024, receivedBytes: 65_380, crossed: 'decoded' as const };
    if (exchange.response) Object.assign(exchange.response, { bodyText: 'x'.repeat(16 * 1024 * 1024), truncated });
    const entry = toHarEntry(exchange, { caseId: exchange.id, scenario: 's', authVariant: 'valid' }, scrubber);
    expect(entry.response.content.text).toHaveLength(4096);
    expect(fromHarEntry(entry).exchange.response?.truncated).toEqual(truncated);
    entry._zavu.truncated = { ...truncated, crossed: 'sideways' as never };
    expect(() => fromHarEntry(entry)).toThrow(/_zavu.truncated must be/);
  });

  it.each([
    ['as is', apiKey],
    ['hex-encoded', Buffer.from(apiKey).toString('hex')],
  ])('keeps no head of the key %s that the cut of a body too large to keep ends in', (_form, echoed) => {
    const exchange = sampleExchange();
    const truncated = { limitBytes: 8192, receivedBytes: 8192, crossed: 'decoded' as const };
    // The glimpse ends 19 characters into the echo: less than the half of the key the partial form catches.
    if (exchange.response) Object.assign(exchange.response, { bodyText: `${'x'.repeat(4096 - 19)}${echoed}${'y'.repeat(4000)}`, truncated });
    const text = toHarEntry(exchange, { caseId: exchange.id, scenario: 's', authVariant: 'valid' }, scrubber).response.content.text ?? '';
    expect(text.endsWith('x[REDACTED]')).toBe(true);
    expect(text.slice(0, 4096 - 19)).toBe('x'.repeat(4096 - 19));
  });

  it('lower-cases header names and joins repeated ones', () => {
    const entry = toHarEntry(sampleExchange(), { caseId: 'c', scenario: 's', authVariant: 'valid' }, scrubber);
    entry.response.headers = [
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Vary', value: 'a' },
      { name: 'vary', value: 'b' },
    ];
    expect(fromHarEntry(entry).exchange.response?.headers).toEqual({ 'content-type': 'application/json', vary: 'a, b' });
  });

  it('reads a header named constructor or __proto__ as the header it is, and a recorded one round-trips', () => {
    // Read through Object.prototype, "constructor" became "function Object() { [native code] }, evil" and "__proto__" vanished.
    const exchange = sampleExchange();
    if (exchange.response) Object.defineProperty(exchange.response.headers, '__proto__', { value: 'polluted', enumerable: true, writable: true, configurable: true });
    const entry = toHarEntry(exchange, { caseId: 'c', scenario: 's', authVariant: 'valid' }, scrubber);
    expect(entry.response.headers).toContainEqual({ name: '__proto__', value: 'polluted' });
    entry.response.headers = [...entry.response.headers, { name: 'Constructor', value: 'evil' }];
    const headers = fromHarEntry(entry).exchange.response?.headers ?? {};
    expect(Object.entries(headers)).toEqual(expect.arrayContaining([['constructor', 'evil'], ['__proto__', 'polluted']]));
  });

  it('reads a body stored as base64 (as other tools write it), and rejects one marked base64 that is not', () => {
    const entry = toHarEntry(sampleExchange(), { caseId: 'c', scenario: 's', authVariant: 'valid' }, scrubber);
    const body = '{"sync":{"isCoexistence":true}}';
    entry.response.content = { ...entry.response.content, text: Buffer.from(body).toString('base64').replace(/(.{8})/g, '$1\n'), encoding: 'base64' };
    expect(fromHarEntry(entry).exchange.response?.bodyText).toBe(body);
    for (const damaged of ['!!!notbase64', 'eyJhb', 'e', 'ab=c']) {
      entry.response.content = { ...entry.response.content, text: damaged, encoding: 'base64' };
      expect(() => fromHarEntry(entry)).toThrow('response.content.text is marked base64 but is not base64: the recording is damaged (record again)');
    }
  });

  it('marks a base64 body whose bytes are not UTF-8 as the transport marks one, so a replay keeps the json-body finding', () => {
    const entry = toHarEntry(sampleExchange(), { caseId: 'c', scenario: 's', authVariant: 'valid' }, scrubber);
    // ISO-8859-1 "é": the live run's transport would have said notUtf8; decoding to U+FFFD alone hides it.
    entry.response.content = { ...entry.response.content, text: Buffer.from('{"message":"cl\u00e9"}', 'latin1').toString('base64'), encoding: 'base64' };
    const response = fromHarEntry(entry).exchange.response;
    expect(response?.notUtf8).toBe(true);
    expect(response?.bodyText).toBe('{"message":"cl\ufffd"}');
    entry.response.content = { ...entry.response.content, text: Buffer.from('{"message":"cl\u00e9"}').toString('base64'), encoding: 'base64' };
    expect(fromHarEntry(entry).exchange.response?.notUtf8).toBeUndefined();
  });

  it('does not mark a base64 body cut at the size bound as not UTF-8, as the transport does not: the cut may split a character', () => {
    const exchange = sampleExchange();
    const truncated = { limitBytes: 8192, receivedBytes: 8192, crossed: 'decoded' as const };
    if (exchange.response) Object.assign(exchange.response, { truncated });
    const entry = toHarEntry(exchange, { caseId: exchange.id, scenario: 's', authVariant: 'valid' }, scrubber);
    // "clé" cut after the first byte of its "é": not UTF-8 as stored, yet no finding of the target's.
    entry.response.content = { ...entry.response.content, text: Buffer.from('{"message":"cl\u00e9"}').subarray(0, 15).toString('base64'), encoding: 'base64' };
    const response = fromHarEntry(entry).exchange.response;
    expect(response?.truncated).toEqual(truncated);
    expect(response?.notUtf8).toBeUndefined();
  });

  it('rejects a content.encoding it cannot undo, rather than judging the encoded text as the body', () => {
    const entry = toHarEntry(sampleExchange(), { caseId: 'c', scenario: 's', authVariant: 'valid' }, scrubber);
    for (const encoding of ['gzip', 'rot13', 'BASE64', 'base64url']) {
      entry.response.content = { ...entry.response.content, encoding };
      expect(() => fromHarEntry(entry)).toThrow(`response.content.encoding is ${JSON.stringify(encoding)}: a replay can read only a body stored as text or as base64 (HAR 1.2); not a recording this suite wrote`);
    }
    entry.response.content = { ...entry.response.content, encoding: 'x'.repeat(3_000_000) };
    expect(() => fromHarEntry(entry)).toThrow('response.content.encoding is 3000000 characters long: a replay can read only a body stored as text or as base64');
    // Some tools write an empty encoding for text stored as is.
    entry.response.content = { ...entry.response.content, encoding: '' };
    expect(fromHarEntry(entry).exchange.response?.bodyText).toBe(sampleExchange().response?.bodyText);
  });

  it('rejects an entry without _zavu', () => {
    const { _zavu: _dropped, ...entry } = toHarEntry(sampleExchange(), { caseId: 'c', scenario: 's', authVariant: 'valid' }, scrubber);
    expect(() => fromHarEntry(entry)).toThrow('_zavu is missing');
  });
});

describe('an edited recording whose numbers no run could have written', () => {
  it.each([
    ['a negative status', { status: -5 }, /^response\.status is -5, expected 0 \(no answer\) or an HTTP status code$/],
    ['a status past any code', { status: 1e300 }, /^response\.status is 1e\+300/],
    ['a negative time', { time: -1 }, /^time is -1, expected the exchange's duration/],
  ])('%s is refused, naming the field', (_name, change, message) => {
    const entry = toHarEntry(sampleExchange(), { caseId: 'c', scenario: 's', authVariant: 'valid' }, scrubber);
    if ('status' in change) entry.response.status = change.status;
    if ('time' in change) entry.time = change.time;
    expect(() => fromHarEntry(entry)).toThrow(message);
  });
});

describe('a request held back, never sent', () => {
  const held = () => {
    const exchange = stoppedExchange(sampleExchange().request, 'c');
    return { exchange, entry: toHarEntry(exchange, { caseId: 'c', scenario: 's', authVariant: 'valid' }, scrubber) };
  };

  it('is written as status 0 marked _zavu.notSent, its note kept, and read back not sent: no transport error to judge (an older recording, unmarked, as before)', () => {
    const { exchange, entry } = held();
    expect(entry.response.status).toBe(0);
    expect(entry._zavu).toMatchObject({ notSent: true, error: { kind: 'other', message: CASE_STOPPED_NOTE } });
    expect(fromHarEntry(entry).exchange).toMatchObject({ notSent: true, error: exchange.error });
    // An older recording, without the mark, reads as it always did: a transport error.
    delete entry._zavu.notSent;
    expect(fromHarEntry(entry).exchange.notSent).toBeUndefined();
    expect(fromHarEntry(entry).exchange.error).toEqual({ kind: 'other', message: CASE_STOPPED_NOTE });
  });

  it.each([
    ['a mark that is not true', (e: ReturnType<typeof held>['entry']) => Object.assign(e._zavu, { notSent: 'yes' }), /^_zavu\.notSent must be true when present, with _zavu\.error saying why the request was not sent$/],
    ['a mark without its reason', (e: ReturnType<typeof held>['entry']) => delete e._zavu.error, /^_zavu\.notSent must be true when present, with _zavu\.error saying why/],
    ['a mark beside an answer', (e: ReturnType<typeof held>['entry']) => (e.response.status = 200), /^response\.status is 200, but _zavu\.notSent says the request was never sent \(expected 0\)$/],
  ])('%s (a hand edit) is refused in one line naming the field', (_name, edit, message) => {
    const { entry } = held();
    edit(entry);
    expect(() => fromHarEntry(entry)).toThrow(message);
  });
});

describe('toHarEntry: the key in a path', () => {
  it('scrubs the request path it keeps for replay (_zavu.path) as it scrubs the URL', () => {
    const exchange = sampleExchange({ sender: apiKey });
    const entry = toHarEntry(exchange, { caseId: 'c', scenario: 's', authVariant: 'valid' }, scrubber);
    expect(entry._zavu.path).toBe('/v1/senders/%5BREDACTED%5D/whatsapp-sync');
    expect(entry.request.url).toBe('https://api.example.test/v1/senders/%5BREDACTED%5D/whatsapp-sync');
  });
});
