import { statusStory } from '../../../src/checks/support/status-story';
import type { AuthVariant, Exchange, HttpResponse } from '../../../src/model/http';
import { context, exchange, jsonResponse, response, syncBody, syncOperation } from './exchange-factory';

const ctx = context();
const error = (status: number, message = 'Sender not found') => jsonResponse(status, { code: 'x', message });
const story = (expected: number, received: HttpResponse, auth: AuthVariant = 'valid', path = '/v1/senders/snd_1/whatsapp-sync') => {
  const base = exchange(received) as Exchange & { response: HttpResponse };
  return statusStory(expected, { ...base, request: { ...base.request, authVariant: auth, path } }, ctx);
};
const SEEN = /not the documented Error for this operation: no cause can be read from it/;

describe('statusStory names a cause only on evidence', () => {
  it.each([
    [401, 404, 'looked up before authenticating'],
    [401, 400, 'inspected before authenticating'], // 'Sender not found' names the sender
    [200, 401, 'check ZAVU_API_KEY'],
    [200, 403, 'not allowed to read this sender'],
    [200, 400, 'check that the configured sender is the kind of sender the row reads (Expected says which)'],
    [400, 404, 'check the configured sender id; if it is right, the target answers this kind of sender 404 where the contract refuses it with 400'],
    [200, 404, 'check the configured sender id'],
    [404, 400, 'set ZAVU_SENDER_UNKNOWN to a well-formed id'],
  ])('expected %i, received %i with the documented Error: %s', (expected, received, words) => {
    expect(story(expected, error(received))).toContain(words);
  });

  it('a documented refusal sent word for word with another 4xx is told as that refusal under the wrong status, not as the key not allowed', () => {
    // A target answering the not-coexistence refusal 403 read "the configured key is not allowed to read this
    // sender": a reviewer went after the key, which was right; the answer's own words show the refusal was due.
    expect(story(400, error(403, 'Sync is only available for coexistence accounts'))).toBe('the documented 400 refusal not_coexistence ("Sync is only available for coexistence accounts") sent as 403: the refusal was due, its status is not');
    expect(story(400, error(422, 'Sender does not have a WhatsApp Business Account connected'))).toContain('the documented 400 refusal no_waba (');
    // Other words under 403 still read as the key not allowed; a refusal where a read was due is the row's sender's story.
    expect(story(400, error(403, 'Forbidden'))).toContain('not allowed to read this sender');
    expect(story(200, error(403, 'Sync is only available for coexistence accounts'))).toContain('not allowed to read this sender');
  });

  it('a documented refusal of another reason than the row names, under another 4xx, is not told as the refusal that was due', () => {
    // The not-coexistence row (examples ["not_coexistence"]) answered 403 with the no-WABA words: told "the refusal
    // was due, its status is not", its reader fixed a status while the reason was wrong too (its sender, or the target's check).
    const row = context({ status: 400, examples: ['not_coexistence'] });
    const base = exchange(error(403, 'Sender does not have a WhatsApp Business Account connected')) as Exchange & { response: HttpResponse };
    const told = statusStory(400, base, row) ?? '';
    expect(told).not.toContain('the refusal was due');
    expect(told).toBe('the documented 400 refusal no_waba ("Sender does not have a WhatsApp Business Account connected") sent as 403, where not_coexistence was due: its reason is not the row\'s either (check that the configured sender is the kind of sender the row reads)');
    // The row's own refusal keeps the story of its status alone.
    const own = exchange(error(403, 'Sync is only available for coexistence accounts')) as Exchange & { response: HttpResponse };
    expect(statusStory(400, own, row)).toContain('the refusal was due, its status is not');
    // A model's prediction names every refusal the state allows: each is said, as a list.
    expect(statusStory(400, base, context({ status: 400, examples: ['not_active', 'in_progress', 'rate_limit'], examplesFromState: true }))).toContain('sent as 403, where not_active, in_progress or rate_limit was due: ');
  });

  it('a 403 where 404 was due keeps its enumeration story even in the words of a documented 404 refusal', () => {
    // Operations are data: a contract naming its 404 ("sender_not_found") made a 403 to another project's
    // sender, in those words, read "the refusal was due, its status is not", and the leak it is went unsaid.
    const operation = { ...syncOperation, responses: syncOperation.responses.map((r) => (r.status === '404' ? { ...r, examples: [{ name: 'sender_not_found', value: { code: 'not_found', message: 'Sender not found' } }] } : r)) };
    const base = exchange(error(403, 'Sender not found')) as Exchange & { response: HttpResponse };
    const told = statusStory(404, base, { ...context({ status: 404, operation }), fixtures: [{ variable: 'ZAVU_SENDER_OTHER_PROJECT', value: 'snd_other', hidden: true }] }) ?? '';
    expect(told).toContain('forbidden instead of not found: confirms that the sender exists');
  });

  it('a 404 in the words of the refusal that was due keeps its 404 story: a sender not found is no wrong status of a refusal', () => {
    const told = story(400, error(404, 'Sync is only available for coexistence accounts')) ?? '';
    expect(told).not.toContain('the refusal was due');
    expect(told).toContain('check the configured sender id');
  });

  it('a 403 in the words of a documented 401 where 401 was due keeps the unauthenticated story: the key is what the row asks of', () => {
    const operation = { ...syncOperation, responses: syncOperation.responses.map((r) => (r.status === '401' ? { ...r, examples: [{ name: 'invalid_key', value: { code: 'unauthorized', message: 'Invalid API key' } }] } : r)) };
    const base = exchange(error(403, 'Invalid API key')) as Exchange & { response: HttpResponse };
    const told = statusStory(401, { ...base, request: { ...base.request, authVariant: 'wrong-key' } }, context({ status: 401, operation })) ?? '';
    expect(told).not.toContain('the documented 401 refusal');
    expect(told).toBe(statusStory(401, { ...base, request: { ...base.request, authVariant: 'wrong-key' } }, context({ status: 401 })));
  });

  it('a 404 to a request with a query string names the query string first: a router that misses it answers so, as would the cause the story names without it', () => {
    const withQuery = '/v1/senders/snd_1/whatsapp-sync?zvc=1';
    const told = story(401, error(404, 'Not found'), 'none', withQuery) ?? '';
    expect(told).toBe('to the query string "?zvc=1": a route that does not match a path with a query string answers so, if the same request without it is not answered 404; else the sender was looked up before authenticating, or authentication is not enforced: sender ids can be enumerated');
    // The configured sender's reading stays the alternative, second.
    const base = exchange(error(404)) as Exchange & { response: HttpResponse };
    const configured = statusStory(401, { ...base, request: { ...base.request, authVariant: 'none', path: withQuery } }, { ...ctx, fixtures: [{ variable: 'ZAVU_SENDER_COEXISTENCE', value: 'snd_1' }] }) ?? '';
    expect(configured).toMatch(/^to the query string "\?zvc=1": .*; else a request without credentials was not refused: ZAVU_SENDER_COEXISTENCE "snd_1"/);
    // Bounded and escaped, whatever the path held after its "?".
    expect(story(401, error(404), 'none', `/v1/senders/snd_1/whatsapp-sync?${'q'.repeat(300)}\u202e`)).toContain('… (302 chars)"');
    // Without a query string, the story is as before; a 404 where one is due tells none. A mock that
    // checks no key at all answers so too: the story names both causes, not only the order of checks.
    expect(story(401, error(404), 'none')).toBe('the sender was looked up before authenticating, or authentication is not enforced: sender ids can be enumerated');
    expect(story(404, error(404), 'none', withQuery)).toBeUndefined();
  });

  it.each([
    [401, response(404, 'Not Found', { 'content-type': 'text/plain' }), 'a text/plain body'],
    [401, response(400, 'Missing credentials', { 'content-type': 'text/plain' }), 'a text/plain body'],
    [200, response(401, ''), 'an empty body'],
    [400, response(404, '<html>nope</html>', { 'content-type': 'text/html' }), 'a text/html body'],
  ])('expected %i without the documented Error: says what was seen', (expected, received, words) => {
    const told = story(expected, received);
    expect(told).toContain(words);
    expect(told).toMatch(SEEN);
  });

  it('a 404 to a request that named a configured fixture names its variable and id (bounded), with or without the documented Error', () => {
    const named = (expected: number, received: HttpResponse, value = 'snd_zz') => {
      const base = exchange(received) as Exchange & { response: HttpResponse };
      return statusStory(expected, base, { ...ctx, fixtures: [{ variable: 'ZAVU_SENDER_NO_WABA', value }] });
    };
    expect(named(400, error(404))).toBe('ZAVU_SENDER_NO_WABA "snd_zz": the target does not know this sender (404): check the id; if it is right, the target answers this kind of sender 404 where the contract refuses it with 400');
    expect(named(200, error(404))).toBe('ZAVU_SENDER_NO_WABA "snd_zz": the target does not know this sender (404): check the id');
    expect(named(400, response(404, 'Not Found', { 'content-type': 'text/plain' }))).toMatch(/: no cause can be read from it; the 404 alone says ZAVU_SENDER_NO_WABA "snd_zz" may hold an id the target does not know$/);
    // The user's own config, shown: but bounded and escaped, whatever was pasted there.
    const long = named(200, error(404), `snd_${'x'.repeat(300)}\u202e`) ?? '';
    expect(long).toContain(`ZAVU_SENDER_NO_WABA "snd_${'x'.repeat(60)}… (305 chars)"`);
    expect(long).not.toContain('\u202e');
    // A 404 where one is due says nothing of the variable; where 401 was due, the key's own sender
    // was not found for the credentials sent: they were not refused (the test below).
    expect(named(404, error(404))).toBeUndefined();
    expect(named(401, error(404))).toMatch(/^these credentials were not refused: ZAVU_SENDER_NO_WABA "snd_zz" \(configured as a sender of the key's own project/);
  });

  it("a sender of the key's own project answered 404 where 401 was due: the credentials were not refused (taken for a caller's who does not own it), not a lookup before authenticating", () => {
    // A mock that finds keys in a plain object (keys['constructor'] is a function) or takes any token
    // for a project of its own answers the key's own sender 404: "sender ids can be enumerated" sent
    // its author looking at the order of checks, which was right; a lookup before authenticating
    // finds the sender, and answers 401 for it.
    const owned = (auth: AuthVariant, fixtures: { variable: string; value: string; hidden?: true }[], received = error(404)) => {
      const base = exchange(received) as Exchange & { response: HttpResponse };
      return statusStory(401, { ...base, request: { ...base.request, authVariant: auth } }, { ...ctx, fixtures });
    };
    const syncable = [{ variable: 'ZAVU_SENDER_SYNCABLE', value: 'snd_s' }];
    // Unless the id is wrong: then the 404 is the lookup before authenticating after all, and the line says so.
    expect(owned('property-name', syncable)).toBe(
      'these credentials were not refused: ZAVU_SENDER_SYNCABLE "snd_s" (configured as a sender of the key\'s own project) was looked up for them and not found (404), as for a caller who does not own it (a lookup before authenticating would find it, and still answer 401), unless the target does not know the id at all (a lookup before authenticating answers such an id 404): if the key cannot read it either, check the id',
    );
    expect(owned('none', syncable)).toMatch(/^a request without credentials was not refused: ZAVU_SENDER_SYNCABLE "snd_s" \(configured as a sender of the key's own project\) was looked up for it and not found/);
    // Another project's sender exists as much as the key's own: a lookup before authenticating finds it too, and
    // answers 401 for it (and a 404 like an unknown id's tells nothing apart: no enumeration). Named as that project's.
    const other = { variable: 'ZAVU_SENDER_OTHER_PROJECT', value: 'snd_o', hidden: true as const };
    expect(owned('none', [other])).toBe(
      'a request without credentials was not refused: ZAVU_SENDER_OTHER_PROJECT "snd_o" (configured as the other project\'s sender) was looked up for it and not found (404), as for a caller who does not own it (a lookup before authenticating would find it, and still answer 401), unless the target does not know the id at all (a lookup before authenticating answers such an id 404): if the other project\'s key cannot read it either, check the id',
    );
    // An id the run does not configure (the unknown one, generated), or senders of both projects in one path (no one owner to name): the lookup before authenticating.
    expect(owned('wrong-key', [])).toBe('the sender was looked up before authenticating, or authentication is not enforced: sender ids can be enumerated');
    expect(owned('wrong-key', [...syncable, other])).toBe('the sender was looked up before authenticating, or authentication is not enforced: sender ids can be enumerated');
    // Without the documented Error, no cause is read, as before.
    expect(owned('property-name', syncable, response(404, 'Not Found', { 'content-type': 'text/plain' }))).toMatch(SEEN);
  });

  it("a 400 where 401 was due that is one of the operation's documented refusals names it: the request was judged on the sender's state without valid credentials", () => {
    // A mock that checks no key on a route answers its wrong-credential starts as it answers any
    // (refused in_progress: an earlier start without credentials began the sync). "Its connection
    // state leaks" alone sent its author looking for a check order; the refusal named says the
    // request was served as any other.
    const inProgress = { ...syncOperation, responses: syncOperation.responses.map((r) => (r.status === '400' ? { ...r, examples: [...r.examples, { name: 'in_progress', value: { code: 'bad_request', message: 'Contacts sync is already in progress' } }] } : r)) };
    const judged = (message: string, auth: AuthVariant = 'wrong-key') => {
      const base = exchange(jsonResponse(400, { code: 'bad_request', message })) as Exchange & { response: HttpResponse };
      return statusStory(401, { ...base, request: { ...base.request, authVariant: auth } }, { ...ctx, operation: inProgress });
    };
    expect(judged('Contacts sync is already in progress')).toBe(
      // Both readings first (the run's other answers put the one they show in their place: runner/auth-order.ts), so summary.md's head of the story says which.
      'the sender was checked before authenticating, or authentication is not enforced: refused as the documented 400 in_progress ("Contacts sync is already in progress") without valid credentials, so the sender\'s state leaks to unauthenticated callers',
    );
    expect(judged('Sender does not have a WhatsApp Business Account connected', 'none')).toMatch(/: refused as the documented 400 no_waba \("Sender does not have a WhatsApp Business Account connected"\) without valid credentials, /);
    // The key itself in a changed form ("Token <key>", the key with a character more): a target may
    // have taken it for the key, and refused the key's holder as it would: a reading of its own.
    expect(judged('Contacts sync is already in progress', 'token-scheme')).toMatch(/^the sender was checked before authenticating, authentication is not enforced, or this changed form of the key was taken for the key: refused as the documented 400 in_progress /);
    expect(judged('Contacts sync is already in progress', 'appended')).toContain('or this changed form of the key was taken for the key: ');
    expect(judged('Contacts sync is already in progress', 'property-name')).not.toContain('changed form of the key');
    // Words the operation does not document, but naming the sender: the cause as before.
    expect(judged('Bad sender')).toBe('the sender was inspected before authenticating: its state leaks to unauthenticated callers');
  });

  it('a 400 where 401 was due that shows nothing of the sender says only that the credentials were refused 400: not a sender inspected before authenticating', () => {
    // "Basic <key>", "Bearer<key>": a target that answers a malformed Authorization header 400
    // invalid_request (RFC 6750 §3.1 allows it for a malformed request) says nothing of the sender.
    const judged = (body: unknown, auth: AuthVariant) => {
      const base = exchange(jsonResponse(400, body)) as Exchange & { response: HttpResponse };
      return statusStory(401, { ...base, request: { ...base.request, authVariant: auth } }, ctx);
    };
    const malformed = { code: 'invalid_request', message: 'malformed authorization header' };
    expect(judged(malformed, 'basic')).toBe("these credentials were refused 400 rather than 401, the status a client's authentication handling keys on: the answer shows nothing of the sender");
    expect(judged(malformed, 'bearer-no-space')).not.toContain('inspected before authenticating');
    expect(judged(malformed, 'none')).toBe("a request without credentials was refused 400 rather than 401, the status a client's authentication handling keys on: the answer shows nothing of the sender");
    // Another status's documented refusal sent as 400 does show the sender's state: the cause stays.
    const withNotFound = { ...ctx, operation: { ...syncOperation, responses: syncOperation.responses.map((r) => (r.status === '404' ? { ...r, examples: [{ name: 'not_found', value: { code: 'not_found', message: 'Sender not found' } }] } : r)) } };
    const base = exchange(jsonResponse(400, { code: 'not_found', message: 'Sender not found' })) as Exchange & { response: HttpResponse };
    expect(statusStory(401, { ...base, request: { ...base.request, authVariant: 'basic' } }, withNotFound)).toBe('the sender was inspected before authenticating: its state leaks to unauthenticated callers');
  });

  it('a credentials refusal that names the sender by chance, or a message past what is read, is not told the sender was inspected', () => {
    const judged = (message: string) => {
      const base = exchange(jsonResponse(400, { code: 'bad_request', message })) as Exchange & { response: HttpResponse };
      return statusStory(401, { ...base, request: { ...base.request, authVariant: 'basic' } }, ctx);
    };
    const refusedOnly = "these credentials were refused 400 rather than 401, the status a client's authentication handling keys on: the answer shows nothing of the sender";
    // Words of the credentials' refusal: the sender they name is whose key it is, not its state.
    expect(judged('Sender authentication failed')).toBe(refusedOnly);
    expect(judged("invalid API key for this sender's project")).toBe(refusedOnly);
    expect(judged('Unauthorized: bad token for WhatsApp sender')).toBe(refusedOnly);
    // A sender word far into a huge message is past what is read (the message's head decides).
    expect(judged(`${'x '.repeat(8 * 1024 * 1024)}sender not connected`)).toBe(refusedOnly);
    // The sender's state, no credentials named: the cause stays.
    expect(judged('Sender has no WhatsApp Business Account')).toBe('the sender was inspected before authenticating: its state leaks to unauthenticated callers');
  });

  it('an unknown id refused with 400 by something other than the API still gets the hint: it is a condition, not a cause', () => {
    expect(story(404, response(400, 'Bad Request', { 'content-type': 'text/plain' }))).toMatch(/^refused instead of not found: for another project's sender, a 400 tells the caller it exists; for the generated unknown id/);
  });

  it("does not explain the reference server's unknown-route 404 as a lookup", () => {
    expect(story(401, error(404, 'No route for GET on this path'))).toMatch(SEEN);
    expect(story(401, error(404), 'none', '/v1/senders//whatsapp-sync')).toMatch(SEEN);
  });

  // The engine serves operations added as data (README "What a new operation costs"): a story names
  // no WhatsApp Sync notion, which a read of a sender's profile, say, would be told wrongly.
  it('tells no story of the shipped operations: no sync, no coexistence', () => {
    for (const [expected, received] of [[400, response(200, 'ok')], [200, error(400)]] as const) expect(story(expected, received)).not.toMatch(/sync|coexistence/i);
  });

  it('does not blame the key when the request did not send it as documented', () => {
    expect(story(200, error(401), 'lowercase-bearer')).toBeUndefined();
  });

  it('tells what a status means by itself without evidence: 2xx, 3xx, 429, 5xx, 403 for 401', () => {
    expect(story(401, jsonResponse(200, {}))).toBe('authentication not enforced: the request was served');
    expect(story(404, jsonResponse(200, {}))).toBe("a sender id that must look unknown (no such sender, or another project's) was answered as if it were the key's");
    expect(story(400, jsonResponse(200, {}))).toBe('the read was served for a sender the contract says must be refused');
    // A start accepted serves no status: it says what it did.
    const accepted = exchange(response(202, '{}')) as Exchange & { response: HttpResponse };
    expect(statusStory(400, { ...accepted, request: { ...accepted.request, method: 'POST', path: '/v1/senders/snd_1/whatsapp-sync/history' } }, ctx)).toBe('the start was accepted where the contract says it must be refused');
    expect(story(200, response(302, '', { location: '/login' }))).toBe('a redirect (not followed) to /login');
    expect(story(200, response(429, '', { 'retry-after': '3' }))).toContain('rate limited (Retry-After: 3)');
    expect(story(200, response(503, ''))).toBe('a server error');
    expect(story(401, response(403, ''))).toContain('403 means "authenticated but not allowed"');
    expect(story(404, response(418, ''))).toBeUndefined();
  });

  it("names a 429 that carries one of the operation's documented refusals, word for word, as that refusal sent with the wrong status", () => {
    const refusal = jsonResponse(429, { code: 'bad_request', message: 'Sender does not have a WhatsApp Business Account connected' }, { 'retry-after': '86400' });
    expect(story(400, refusal)).toBe(
      'the documented 400 refusal no_waba ("Sender does not have a WhatsApp Business Account connected") sent as 429: clients take it for the platform\'s rate limit and retry it (the official SDK retries every 429) instead of reading the refusal',
    );
    // A limiter's own words (or a refusal reworded) stay a limiter's 429.
    expect(story(400, jsonResponse(429, { code: 'rate_limited', message: 'Too many requests' }))).toContain('rate limited');
  });
});

describe('a refusal where a 2xx was due quotes what the target said', () => {
  // "Refused the sender" alone is a guess: a start refused for a body it wanted, or for a reason
  // of the target's own, reads so too; its words are the evidence a mock's author needs.
  it('its message, cut and escaped, beside the advice on the configured sender', () => {
    expect(story(202, error(400, 'Request body is required'))).toBe('the target refused the sender, saying "Request body is required": check that the configured sender is the kind of sender the row reads (Expected says which)');
    const told = story(200, error(400, `\u001b[31m${'x'.repeat(500)}`)) ?? '';
    expect(told).toMatch(/^the target refused the sender, saying "\\u001b\[31mx+… \(505 chars\)": check/);
    expect(told.length).toBeLessThan(300);
  });

  it('with an empty message, the advice alone', () => {
    expect(story(202, error(400, ' '))).toBe('the target refused the sender: check that the configured sender is the kind of sender the row reads (Expected says which)');
  });
});

describe('a 2xx that is not JSON where the operation documents JSON is told as not the API\'s answer', () => {
  // A web site or gateway answering its HTML page 200 to everything (a wrong base URL) read, case by
  // case, "authentication not enforced: the request was served": a security fault that was not there.
  const PAGE = '<!doctype html><html><body>Welcome</body></html>';
  const html = (status = 200) => response(status, PAGE, { 'content-type': 'text/html; charset=utf-8' });
  const start = (expected: number, received: HttpResponse) => {
    const base = exchange(received) as Exchange & { response: HttpResponse };
    return statusStory(expected, { ...base, request: { ...base.request, method: 'POST', path: '/v1/senders/snd_1/whatsapp-sync/history' } }, ctx);
  };
  const head = (expected: number, received: HttpResponse) => {
    const base = exchange(received) as Exchange & { response: HttpResponse };
    return statusStory(expected, { ...base, request: { ...base.request, method: 'HEAD' } }, ctx);
  };

  it('an HTML page where 401, 404 or 400 was due: what was seen and the question the run\'s headline asks, not the API\'s story', () => {
    expect(story(401, html(), 'none')).toBe("not the API? a 200 text/html page, not JSON, where 401 was due: a web site or gateway in the API's place answers so (is the base URL the API's root? if the run's other answers are JSON, a front answers this path itself)");
    expect(story(404, html())).toBe("not the API? a 200 text/html page, not JSON, where 404 was due: a web site or gateway in the API's place answers so (is the base URL the API's root? if the run's other answers are JSON, a front answers this path itself)");
    expect(story(400, html())).toContain('not the API? a 200 text/html page, not JSON, where 400 was due: ');
    expect(start(400, html())).toContain('not the API? a 200 text/html page, not JSON, where 400 was due: ');
    // A 2xx where another 2xx was due had no story; a page there is told all the same.
    expect(start(202, html())).toContain('not the API? a 200 text/html page, not JSON, where 202 was due: ');
    for (const told of [story(401, html()), story(404, html()), story(400, html()), start(400, html())]) expect(told).not.toMatch(/authentication not enforced|served|accepted|answered as if/);
  });

  it('any other body that is not JSON: its media type, or no label', () => {
    expect(story(401, response(200, 'OK', { 'content-type': 'text/plain' }))).toMatch(/^not the API\? a 200 text\/plain answer, not JSON, where 401 was due: /);
    expect(story(401, response(200, 'OK'))).toMatch(/^not the API\? a 200 answer with no Content-Type, not JSON, where 401 was due: /);
  });

  // The run's headline counts an answer labelled JSON as the API's (answer-tally.ts): its case is told as the API's, its broken JSON json-body's to say.
  it('an answer labelled JSON whose body does not parse is the API\'s, told as such', () => {
    expect(story(401, response(200, '<html>', { 'content-type': 'application/json' }))).toBe('authentication not enforced: the request was served');
    expect(story(401, response(200, '{"a":', { 'content-type': 'application/problem+json; charset=utf-8' }))).toBe('authentication not enforced: the request was served');
  });

  // Labelled JSON as the headline's tally reads it (content-type.ts labelledJson, every element of the field): a fifth
  // element past the four the story shows, text/html, is not a JSON label there, so not here either.
  it('a label JSON only in its first elements is not labelled JSON, as the run\'s headline counts it', () => {
    const label = 'application/json, application/json, application/json, application/json, text/html';
    expect(story(401, response(200, '<html>', { 'content-type': label }))).toMatch(/^not the API\? a 200 application\/json, application\/json, application\/json, application\/json answer, not JSON, where 401 was due: /);
  });

  it('a HEAD, which has no body, by its label alone', () => {
    expect(head(401, response(200, '', { 'content-type': 'text/html' }))).toMatch(/^not the API\? a 200 text\/html answer with no body, not JSON, where 401 was due: /);
    // The API's HEAD carries the GET's JSON label, or none: nothing says it is not the API's.
    expect(head(401, response(200, '', { 'content-type': 'application/json' }))).toBe('authentication not enforced: the request was served');
    expect(head(401, response(200, ''))).toBe('authentication not enforced: the request was served');
  });

  it("a HEAD labelled text/plain keeps the API's story: a Go handler that sets no Content-Type has its JSON sniffed text/plain, on the GET and its HEAD", () => {
    // Such an API's GETs are JSON (no headline); its HEAD served without credentials is the fault the case is for.
    expect(head(401, response(200, '', { 'content-type': 'text/plain; charset=utf-8' }))).toBe('authentication not enforced: the request was served');
  });

  it("an empty body to a request that has one due keeps the API's story: a page has a body, a framework's empty send() is labelled text/html", () => {
    // Express's res.status(202).send(''): an empty text/html answer to a start that was accepted.
    expect(start(400, response(202, '', { 'content-type': 'text/html; charset=utf-8' }))).toBe('the start was accepted where the contract says it must be refused');
    expect(story(401, response(200, '', { 'content-type': 'text/plain' }), 'none')).toBe('authentication not enforced: the request was served');
  });

  it("an OPTIONS probe's answer is the server's, not the operation's: its documented JSON says nothing of it", () => {
    // A real sender's OPTIONS answered 200 (a framework's "GET,HEAD" as text/html), an unknown id's 404: the sender's existence leaks.
    const base = exchange(response(200, 'GET,HEAD', { 'content-type': 'text/html; charset=utf-8' })) as Exchange & { response: HttpResponse };
    expect(statusStory(404, { ...base, request: { ...base.request, method: 'OPTIONS', authVariant: 'none' } }, ctx)).toBe("a sender id that must look unknown (no such sender, or another project's) was answered as if it were the key's");
  });

  it('a JSON answer keeps its story, whatever its label; so does one the suite could not read whole', () => {
    // The body tells the API's answer, not the label (answer-form.ts): JSON mislabelled is content-type's fault alone.
    expect(story(401, response(200, JSON.stringify(syncBody), { 'content-type': 'text/html' }))).toBe('authentication not enforced: the request was served');
    expect(story(401, jsonResponse(200, syncBody))).toBe('authentication not enforced: the request was served');
    const cut: HttpResponse = { ...html(), truncated: { limitBytes: 16, receivedBytes: 32, crossed: 'decoded' } };
    expect(story(401, cut)).toBe('authentication not enforced: the request was served');
  });

  it('a 2xx the operation documents without JSON keeps its story: a page may be its answer', () => {
    const pages = { ...syncOperation, responses: syncOperation.responses.map((r) => (r.status === '200' ? { ...r, mediaTypes: ['text/html'], examples: [] } : r)) };
    const { schemaName: _unused, ...withoutSchema } = pages.responses[0] as (typeof pages.responses)[number];
    const operation = { ...pages, responses: [withoutSchema, ...pages.responses.slice(1)] };
    const base = exchange(html()) as Exchange & { response: HttpResponse };
    expect(statusStory(401, base, { ...ctx, operation })).toBe('authentication not enforced: the request was served');
  });

  it('the media type is bounded, inert and its cuts marked, whatever the front put in the field', () => {
    const told = story(401, response(200, PAGE, { 'content-type': `text/\u001b[31m${'x'.repeat(5000)}; charset=utf-8` })) ?? '';
    expect(told).toMatch(/^not the API\? a 200 "text\/\\u001b\[31mx+… \(a string of 100 chars\) answer, not JSON, where 401 was due: /);
    expect(told.length).toBeLessThan(400);
    expect(told).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

describe('statusStory names what the path names (operations are data)', () => {
  // A data-only GET /v1/agents/{agentId}: its stories said "sender ids can be enumerated" and "check the
  // configured sender id", the shipped story's words, and sent its reader after a sender it has none of.
  const agentOperation = { ...syncOperation, operationId: 'getAgent', pathTemplate: '/v1/agents/{agentId}', pathParameters: ['agentId'], label: 'GET /v1/agents/{agentId}' };
  const agentStory = (expected: number, received: HttpResponse, auth: AuthVariant = 'valid', fixtures?: { variable: string; value: string; hidden?: true }[]) => {
    const base = exchange(received) as Exchange & { response: HttpResponse };
    const told = statusStory(expected, { ...base, request: { ...base.request, authVariant: auth, path: '/v1/agents/agt_1' } }, { ...context({ status: expected, operation: agentOperation }), ...(fixtures === undefined ? {} : { fixtures }) });
    return told ?? '';
  };
  const agentError = (status: number) => jsonResponse(status, { code: 'x', message: 'Agent not found' });

  it.each([
    [401, 404, 'none' as AuthVariant, 'agent ids can be enumerated'],
    [200, 403, 'valid' as AuthVariant, 'not allowed to read this agent'],
    [200, 400, 'valid' as AuthVariant, 'check that the configured agent is the kind of agent the row reads'],
    [200, 404, 'valid' as AuthVariant, 'the agent was not found: check the configured agent id'],
    [404, 400, 'valid' as AuthVariant, "for another project's agent, a 400 tells the caller it exists"],
    [404, 200, 'valid' as AuthVariant, 'an agent id that must look unknown (no such agent'],
  ])('expected %i, received %i (%s): %s', (expected, received, auth, words) => {
    const told = agentStory(expected, received === 200 ? jsonResponse(200, {}) : agentError(received), auth);
    expect(told).toContain(words);
    expect(told).not.toMatch(/sender/);
  });

  it('a configured fixture looked up and not found is "an agent of the key\'s own project", not a sender', () => {
    const told = agentStory(401, agentError(404), 'none', [{ variable: 'ZVC_AGENT', value: 'agt_1' }]);
    expect(told).toContain("configured as an agent of the key's own project");
    expect(told).not.toMatch(/sender/);
  });

  it('a path with camelCase or no parameter is named in words', () => {
    const phone = { ...agentOperation, pathTemplate: '/v1/phone-numbers/{phoneNumberId}', pathParameters: ['phoneNumberId'] };
    const sentTo = (path: string) => {
      const base = exchange(agentError(403)) as Exchange & { response: HttpResponse };
      return { ...base, request: { ...base.request, path } };
    };
    expect(statusStory(200, sentTo('/v1/phone-numbers/pn_1'), context({ operation: phone }))).toBe('the configured key is not allowed to read this phone number');
    expect(statusStory(200, sentTo('/v1/agents'), context({ operation: { ...agentOperation, pathTemplate: '/v1/agents', pathParameters: [] } }))).toBe('the configured key is not allowed to read this resource');
  });
});
