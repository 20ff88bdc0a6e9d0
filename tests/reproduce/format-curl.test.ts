import { execFileSync } from 'node:child_process';
import { formatConcurrentCurls, formatCurl, shellQuote } from '../../src/reproduce/format-curl';
import type { HttpRequest } from '../../src/model';
import { swapCase } from '../../src/model/http';
import { authorizationFor } from '../../src/transport/auth-headers';

const key = 'zv_test_SECRET_should_not_print';
const request = (over: Partial<HttpRequest>): HttpRequest => ({
  method: 'GET',
  url: "http://127.0.0.1:1/v1/senders/it's%20$(x)/whatsapp-sync",
  path: '/v1/senders/x/whatsapp-sync',
  headers: { accept: 'application/json', authorization: `Bearer ${key}` },
  authVariant: 'valid',
  ...over,
});

/** Asks bash how it would split the command: the words curl would receive. */
function shellWords(command: string, envKey = 'KEY_FROM_ENV'): string[] {
  const script = `printwords() { for a in "$@"; do printf '%s\\0' "$a"; done; }; ${command.replace(/^curl/, 'printwords')}`;
  // latin1: a header byte such as 0x85 (obs-text) must compare as the same code point the suite sent.
  const out = execFileSync('bash', ['--norc', '-c', script], { env: { ZAVU_API_KEY: envKey, ZAVU_OTHER_PROJECT_API_KEY: 'OTHER_KEY_FROM_ENV' } }).toString('latin1');
  return out.split('\0').slice(0, -1);
}

test('the key is never printed; the shell expands $ZAVU_API_KEY', () => {
  const curl = formatCurl(request({}));
  expect(curl).not.toContain(key);
  expect(shellWords(curl)).toContain('Authorization: Bearer KEY_FROM_ENV');
});

test("the other project's key is never printed either; the shell expands $ZAVU_OTHER_PROJECT_API_KEY", () => {
  const other = 'zv_test_OTHER_project_should_not_print';
  const curl = formatCurl(request({ authVariant: 'other-project-key', headers: { accept: 'application/json', authorization: authorizationFor('other-project-key', key, 'zv_test_unknown', other) ?? '' } }));
  expect(curl).not.toContain(other);
  expect(curl).not.toContain(key);
  expect(shellWords(curl)).toContain('Authorization: Bearer OTHER_KEY_FROM_ENV');
});

test('quotes, $() and spaces in the URL reach curl verbatim', () => {
  const words = shellWords(formatCurl(request({})));
  expect(words[words.length - 1]).toBe("http://127.0.0.1:1/v1/senders/it's%20$(x)/whatsapp-sync");
});

test.each([
  ['no-scheme', 'Authorization: KEY_FROM_ENV'],
  ['basic', 'KEY_FROM_ENV:'],
] as const)('variant %s shows the key as the variable', (authVariant, word) => {
  const curl = formatCurl(request({ authVariant, headers: { authorization: authVariant === 'basic' ? `Basic ${Buffer.from(`${key}:`).toString('base64')}` : key } }));
  expect(curl).not.toContain(key);
  expect(curl).not.toContain(Buffer.from(`${key}:`).toString('base64'));
  expect(shellWords(curl)).toContain(word);
});

test('no credentials: no Authorization at all', () => {
  expect(formatCurl(request({ authVariant: 'none', headers: { accept: 'application/json' } }))).not.toMatch(/authorization/i);
});

test('HEAD is curl -I: "-X HEAD" would wait for the body the answer announces and never sends', () => {
  const words = shellWords(formatCurl(request({ method: 'HEAD', authVariant: 'none', headers: { accept: 'application/json' } })));
  expect(words.slice(0, 3)).toEqual(['-sS', '-I', '--compressed']);
  expect(words).not.toContain('-X');
  expect(words).not.toContain('HEAD');
});

test('shellQuote survives single quotes', () => {
  expect(shellWords(`curl ${shellQuote("a'b")}`)).toEqual(["a'b"]);
});

describe('every auth variant: the curl sends exactly the header the suite sent', () => {
  const variants = [
    'valid', 'no-scheme', 'lowercase-bearer', 'extra-spaces', 'control-chars', 'wrong-checksum', 'wrong-key', 'empty-bearer', 'long-token',
    'token-scheme', 'apikey-scheme', 'bearer-no-space', 'case-changed', 'appended', 'prepended', 'other-environment', 'property-name', 'key-then-word', 'truncated',
  ] as const;
  // A key of the environment's shape, prefix included: the curl rebuilds the prefix-aware forms from it.
  const envKey = 'zv_test_KeyFromEnv9';
  // The key's other forms: none may appear in a curl, whatever the variant derived from it.
  const forms = [key, swapCase(key), key.toUpperCase(), key.toLowerCase(), key.slice(0, -1), key.slice(8, 24)];
  test.each(variants)('%s', (variant) => {
    const header = authorizationFor(variant, envKey, 'zv_test_unknown');
    const curl = formatCurl(request({ authVariant: variant, headers: { authorization: authorizationFor(variant, key, 'zv_test_unknown') ?? '' } }));
    for (const form of forms) expect(curl).not.toContain(form);
    expect(shellWords(curl, envKey)).toContain(`Authorization: ${header}`);
  });

  test('the key-derived variants show the key as an expression of $ZAVU_API_KEY', () => {
    const curlOf = (variant: 'case-changed' | 'appended' | 'prepended' | 'other-environment' | 'truncated' | 'bearer-no-space'): string =>
      formatCurl(request({ authVariant: variant, headers: { authorization: authorizationFor(variant, key, 'zv_test_unknown') ?? '' } }));
    expect(curlOf('case-changed')).toContain('"$ZAVU_API_KEY" | tr a-zA-Z A-Za-z');
    expect(curlOf('prepended')).toContain('Bearer 00${ZAVU_API_KEY}');
    expect(curlOf('other-environment')).toContain('"$ZAVU_API_KEY" | sed ');
    expect(curlOf('appended')).toContain('${ZAVU_API_KEY}00');
    expect(curlOf('truncated')).toContain('${ZAVU_API_KEY%?}');
    expect(curlOf('bearer-no-space')).toContain('Bearer${ZAVU_API_KEY}');
  });
});

describe('the prefix-aware forms are rebuilt from the key alone, whatever header the request shows', () => {
  // A replayed request's header is the recording's [REDACTED]: read back, a prefix taken from it
  // made the other-environment curl send the valid key itself.
  const keys = ['zv_test_Ab12cD9', 'zv_live_Ab12cD9', 'sk_Ab12cD9', 'ZV_TEST_Ab12cD9'];
  test.each(keys)('with ZAVU_API_KEY=%s, case-changed and other-environment send what the suite sent', (envKey) => {
    for (const variant of ['case-changed', 'other-environment'] as const) {
      const sent = authorizationFor(variant, envKey, 'zv_test_unknown');
      const replayed = formatCurl(request({ authVariant: variant, headers: { authorization: 'Bearer [REDACTED]' } }));
      if (variant === 'other-environment' && !/^zv_(test|live)_/.test(envKey)) continue; // skipped for such a key
      expect(shellWords(replayed, envKey)).toContain(`Authorization: ${sent}`);
      expect(sent).not.toBe(`Bearer ${envKey}`);
    }
  });
});

test('an https target is asked over HTTP/1.1, as the suite asks it: curl would offer HTTP/2, where a value ending in spaces is malformed', () => {
  const over = (url: string): string[] => shellWords(formatCurl(request({ url, authVariant: 'extra-spaces', headers: { accept: 'application/json', authorization: `Bearer   ${key}  ` } })));
  expect(over('https://api.example.test/v1/senders/x/whatsapp-sync')).toContain('--http1.1');
  expect(over('http://127.0.0.1:1/v1/senders/x/whatsapp-sync')).not.toContain('--http1.1');
});

test('a raw "#" in the path goes as --request-target: curl would drop it and all after it as a fragment', () => {
  const words = shellWords(formatCurl(request({ url: 'http://127.0.0.1:1/base/v1/senders/a#b/whatsapp-sync', path: '/v1/senders/a#b/whatsapp-sync' })));
  expect(words.slice(-3)).toEqual(['--request-target', '/base/v1/senders/a#b/whatsapp-sync', 'http://127.0.0.1:1']);
});

test('copies sent at once reproduce as curls sent at once: each in the background, a line break after each answer, then wait', () => {
  const request: HttpRequest = { method: 'POST', url: 'http://127.0.0.1:1/v1/senders/snd_a/whatsapp-sync/history', path: '/v1/senders/snd_a/whatsapp-sync/history', headers: { authorization: 'Bearer zv_test_secretsecret' }, authVariant: 'valid' };
  const line = formatConcurrentCurls([request, request]);
  const one = formatCurl(request);
  expect(line).toBe(`{ ${one}; echo; } & { ${one}; echo; } & wait`);
  expect(line).not.toContain('secretsecret');
});
