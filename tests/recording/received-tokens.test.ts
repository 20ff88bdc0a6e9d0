/** Credentials a target sent, which the suite cannot know in advance: found by their shape (a JWT) or the name they stand under. */
import { redactReceivedTokens } from '../../src/recording/received-tokens';
import { createScrubber } from '../../src/recording/scrub';
import { apiKey } from './fixtures';

const header = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';
const jwt = `${header}.eyJzdWIiOiJzZXNzLTQyIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`;

describe('a JWT anywhere', () => {
  it('loses its payload and signature, and keeps its header (the algorithm: no secret), so the reader still sees a JWT was there', () => {
    expect(redactReceivedTokens(`Received: "${jwt}" / Expected: a sync status`)).toBe(`Received: "${header}.[REDACTED]" / Expected: a sync status`);
    // An unsecured one (no signature) and a JWE (five segments, no encrypted key for "dir").
    expect(redactReceivedTokens(`${header}.eyJzdWIiOiJ4In0.`)).toBe(`${header}.[REDACTED].`);
    expect(redactReceivedTokens(`t=${header}..aXYxMjM.Y2lwaGVy.dGFn`)).toBe(`t=${header}.[REDACTED]`);
  });

  it('goes when an excerpt cut it after its payload began', () => {
    expect(redactReceivedTokens(`"${jwt.slice(0, header.length + 12)}… (4096 chars)"`)).toBe(`"${header}.[REDACTED]… (4096 chars)"`);
  });

  it('is not any word with "eyJ" in it: a longer base64url word, a header alone, prose', () => {
    for (const kept of [`x${header}.abc`, `${header}`.repeat(2), header, 'eyJust.a.sentence', 'the keys eyJ and more']) expect(redactReceivedTokens(kept)).toBe(kept);
  });
});

describe('values under sensitive names in text a check quoted', () => {
  it('goes from JSON described whole, an object or array under the name as a whole; the rest and other names stay', () => {
    expect(redactReceivedTokens('Received: {"a":1,"auth":{"user":"u","pin":"1 2"},"b":"token","c":{"refreshToken":12},"list":[{"api_key":null}]} / Expected: x')).toBe(
      'Received: {"a":1,"auth":"[REDACTED]","b":"token","c":{"refreshToken":"[REDACTED]"},"list":[{"api_key":"[REDACTED]"}]} / Expected: x',
    );
    // A key written with escapes is read as JSON reads it.
    expect(redactReceivedTokens(String.raw`{"k\u0065y" : "v", "tokensUsed": 3}`)).toBe(String.raw`{"k\u0065y" : "[REDACTED]", "tokensUsed": 3}`);
  });

  it('goes from a value a check named by its pointer, when a token of the pointer is a sensitive name', () => {
    expect(redactReceivedTokens('Received: /sync/session_token = "s3ss10n" / Expected: only properties declared')).toBe('Received: /sync/session_token = "[REDACTED]" / Expected: only properties declared');
    expect(redactReceivedTokens('Received: /sync/credentials/user = {"id":"u 1"} / Expected: x')).toBe('Received: /sync/credentials/user = "[REDACTED]" / Expected: x');
    expect(redactReceivedTokens('Received: /sync/author = "ana" / Expected: x')).toBe('Received: /sync/author = "ana" / Expected: x');
  });

  it('goes from a body excerpt that is no JSON (cut short): to its end, failing closed', () => {
    expect(redactReceivedTokens('{"sync":{"status":"active","sessionId":"abc… (5000 chars)')).toBe('{"sync":{"status":"active","sessionId":"[REDACTED]"');
  });

  it('keeps text with none byte-identical, escaped quotes inside strings read as such', () => {
    const kept = String.raw`{"message":"he said \"token\": \"abc\" ok","status":"active"} curl -H "Authorization: Bearer $ZAVU_API_KEY"`;
    expect(redactReceivedTokens(kept)).toBe(kept);
  });
});

describe('in recordings: the scrubber', () => {
  const scrubber = createScrubber([apiKey]);

  it('redacts a JWT under a neutral header name, in a body string and in a query value; a JSON body stays JSON', () => {
    expect(scrubber.headers({ 'x-request-context': `v1 ${jwt}` })).toEqual([{ name: 'x-request-context', value: `v1 ${header}.[REDACTED]` }]);
    const body = scrubber.body(JSON.stringify({ sync: { status: 'active', note: jwt } }));
    expect(JSON.parse(body)).toEqual({ sync: { status: 'active', note: `${header}.[REDACTED]` } });
    expect(scrubber.url(`https://h.test/cb?state=${jwt}&v=1`)).toBe(`https://h.test/cb?state=${encodeURIComponent(`${header}.[REDACTED]`)}&v=1`);
  });
});
