import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { layeredEnv } from '../../src/config/layered-env';
import { runOptions } from '../../src/config/options';
import { describeParseError, parseFlags } from '../../src/config/parse-flags';
import { displayTarget, resolveRunConfig } from '../../src/config/run-config';
import { UsageError } from '../../src/model/errors';
import { ENV_EXAMPLE_KEY } from '../../src/model/http';
import { packageRoot } from '../../src/package-root';
import { scratchDir } from '../support/scratch-dir';

const cwd = '/tmp/somewhere';
const resolveWith = (argv: string[], env: Record<string, string> = {}) => resolveRunConfig(parseFlags(argv, runOptions), { values: env }, cwd);

describe('flag parsing', () => {
  test('an unknown flag is one line naming it', () => {
    expect(() => parseFlags(['--base-ur', 'x'], runOptions)).toThrow(new UsageError('unknown flag --base-ur (did you mean --base-url? run with --help for the list)'));
    expect(() => parseFlags(['--zz', 'x'], runOptions)).toThrow(new UsageError('unknown flag --zz (run with --help for the list)'));
    // A mode as a flag of its own means the mode, not the nearest flag (--replay is one edit from --repeat).
    expect(() => parseFlags(['--replay'], runOptions)).toThrow(new UsageError('unknown flag --replay (did you mean --mode replay? run with --help for the list)'));
    expect(() => parseFlags(['--record'], runOptions)).toThrow(new UsageError('unknown flag --record (did you mean --mode record? run with --help for the list)'));
  });
  // The words other tools (and the suite's own lines: "target") use for a setting are no typo of it.
  test.each([
    [['--target', 'http://x'], 'base-url'],
    [['--url=http://x'], 'base-url'],
    [['--server', 'http://x'], 'base-url'],
    [['--key', 'k'], 'api-key'],
    [['--token', 'k'], 'api-key'],
    [['--output', 'out'], 'reports'],
    [['--out-dir', 'out'], 'reports'],
    // A mock author's words for "the target is my mock" (README, Certifying a mock server).
    [['--mock'], 'mock-target'],
    [['--mock-server'], 'mock-target'],
    [['--writes'], 'allow-writes'],
    [['--write'], 'allow-writes'],
  ])('a word other tools use (%j) names the suite\'s flag for it', (argv, meant) => {
    const word = (argv[0] ?? '').split('=')[0] ?? '';
    expect(() => parseFlags(argv, runOptions)).toThrow(new UsageError(`unknown flag ${word} (did you mean --${meant}? run with --help for the list)`));
  });
  // --base is a word of two flags at once (the target's URL, an earlier report): neither is a typo of
  // it, and naming one would send half its writers after the wrong setting.
  test('--base names both flags it may mean, or the one the command has', () => {
    expect(() => parseFlags(['--base', 'http://x'], runOptions)).toThrow(new UsageError('unknown flag --base (did you mean --base-url or --baseline? run with --help for the list)'));
    expect(() => parseFlags(['--BASE=x'], runOptions)).toThrow(new UsageError('unknown flag --BASE (did you mean --base-url or --baseline? run with --help for the list)'));
    // merge has --baseline and no target.
    expect(describeParseError({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION', message: "Unknown option '--base'" }, ['reports', 'baseline', 'baseline-strict'])).toBe('unknown flag --base (did you mean --baseline? run with --help for the list)');
    expect(describeParseError({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION', message: "Unknown option '--base'" }, ['history', 'reports'])).toBe('unknown flag --base (run with --help for the list)');
  });
  test('a word another tool uses is named only for a command that has the flag it means', () => {
    expect(describeParseError({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION', message: "Unknown option '--target'" }, ['history', 'reports'])).toBe('unknown flag --target (run with --help for the list)');
  });
  // A workflow's author reads the variable (ZAVU_REPORTS_DIR) or the action's input (reports-dir) and writes
  // it as a flag: too far from --reports for an edit-distance hint, and it is the setting meant.
  test.each([
    ['--reports-dir', 'out', '--reports'],
    ['--timeout-ms', '5000', '--timeout'],
    ['--operations-dir', 'ops', '--operations'],
    ['--fixtures-dir', 'fx', '--fixtures'],
    ['--recordings-dir=rec', undefined, '--recordings'],
  ])('a flag spelt as its variable (%s) is named with the flag it means', (word, value, meant) => {
    const argv = value === undefined ? [word] : [word, value];
    expect(() => parseFlags(argv, runOptions)).toThrow(new UsageError(`unknown flag ${word.split('=')[0] ?? ''} (did you mean ${meant}? run with --help for the list)`));
  });
  test("a word that is a name of every object's (--constructor) is no variable's spelling", () => {
    expect(() => parseFlags(['--constructor'], runOptions)).toThrow(new UsageError('unknown flag --constructor (run with --help for the list)'));
  });
  // parseArgs reads "-timeout" as the one-letter flags -t -i -m…, and named "-t" (or "-e" of
  // "-help", whose -h it knows): a flag the user never typed.
  // -v and -V are --version in other tools (node -v, java -V): the hint names it, and neither becomes
  // it, as -v is verbose in as many; a command without --version gets no hint.
  test.each([['-v'], ['-V'], ['--v']])('%s asks whether --version was meant', (flag) => {
    expect(() => parseFlags([flag], runOptions)).toThrow(new UsageError(`unknown flag ${flag} (did you mean --version? run with --help for the list)`));
    expect(describeParseError({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION', message: `Unknown option '${flag}'` }, ['port', 'host', 'help', 'version'], [flag])).toBe(`unknown flag ${flag} (did you mean --version? run with --help for the list)`);
    expect(describeParseError({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION', message: `Unknown option '${flag}'` }, ['port', 'host'], [flag])).toBe(`unknown flag ${flag} (run with --help for the list)`);
  });

  test.each([
    [['-timeout', '5'], 'unknown flag -timeout (did you mean --timeout? run with --help for the list)'],
    [['-help'], 'unknown flag -help (did you mean --help? run with --help for the list)'],
    [['-base-url=http://x'], 'unknown flag -base-url (did you mean --base-url? run with --help for the list)'],
    [['--timeout', '5', '-x'], 'unknown flag -x (run with --help for the list)'],
    // A two-dash word holding the letter is no one-dash word: "-t" beside --timeout is not "--timeout".
    [['--timeout', '5', '-t'], 'unknown flag -t (run with --help for the list)'],
  ])('a word typed with one dash (%j) is named whole, with the flag it likely meant', (argv, line) => {
    expect(() => parseFlags(argv, runOptions)).toThrow(new UsageError(line));
  });
  test('a flag without its value is named', () => {
    expect(() => parseFlags(['--timeout'], runOptions)).toThrow(/flag --timeout needs a value/);
  });
  test.each([['--reports', ''], ['--reports='], ['--operation', ''], ['--history', ' '], ['--spec', ''], ['--operation', ','], ['--operation', 'getWhatsAppSyncStatus', '--operation', '']])('an empty value (%j: a script\'s unset variable) is refused, not taken as the current folder or every operation', (...argv) => {
    expect(() => parseFlags(argv, runOptions)).toThrow(new UsageError(`flag ${argv[0]?.replace(/=$/, '')} is empty (an unset variable?): give it a value or leave it out`));
  });
  test('an on/off flag given a value says it takes none', () => {
    expect(() => parseFlags(['--allow-writes=yes'], runOptions)).toThrow(new UsageError('flag --allow-writes takes no value: it is on when given, off when left out'));
  });
  test('a stray positional argument is refused', () => {
    expect(() => parseFlags(['https://x'], runOptions)).toThrow(/unexpected argument/);
  });
});

describe('precedence: flags over environment over .env over defaults', () => {
  test('defaults', () => {
    const config = resolveWith([]);
    expect(config.baseUrl).toBeUndefined();
    expect(config.timeoutMs).toBe(10000);
    expect(config.reportsDir).toBe(join(cwd, 'reports'));
    expect(config.specPath).toBe(join(packageRoot, 'specs/whatsapp-sync.openapi.yaml'));
  });
  test('environment over defaults, flag over environment', () => {
    const env = { ZAVU_BASE_URL: 'https://env.example', ZAVU_TIMEOUT_MS: '500', ZAVU_REPORTS_DIR: 'out' };
    expect(resolveWith([], env)).toMatchObject({ baseUrl: 'https://env.example', timeoutMs: 500, reportsDir: join(cwd, 'out') });
    expect(resolveWith(['--base-url', 'http://flag.example/', '--timeout', '700'], env)).toMatchObject({ baseUrl: 'http://flag.example', timeoutMs: 700 });
    // The URL as parsed, which every request and the banner use alike: spaces, a scheme's slashes, a backslash or a dot segment as any URL parser reads them.
    for (const typed of [' http://127.0.0.1:4010', '\thttp://127.0.0.1:4010/', 'http:/127.0.0.1:4010', 'http:127.0.0.1:4010', 'http://127.0.0.1:4010\\', 'http://127.0.0.1:4010/x/..', 'http://127.0.0.1:4010/x/%2e%2e', 'HTTP://127.0.0.1:4010//']) {
      expect({ typed, baseUrl: resolveWith(['--base-url', typed], env).baseUrl }).toEqual({ typed, baseUrl: 'http://127.0.0.1:4010' });
    }
    expect(resolveWith(['--base-url', 'https://API.example.com:443/zavu/./v0/'], env).baseUrl).toBe('https://api.example.com/zavu/v0');
  });
  test('ZAVU_CACHE and ZAVU_DEBUG, read where they apply, take on/off values like every switch: anything else is refused before the run', () => {
    expect(() => resolveWith([], { ZAVU_CACHE: 'maybe' })).toThrow('ZAVU_CACHE "maybe" must be 1, true, yes or on (or 0, false, no, off)');
    expect(() => resolveWith([], { ZAVU_DEBUG: 'verbose' })).toThrow('ZAVU_DEBUG "verbose" must be 1, true, yes or on (or 0, false, no, off)');
    expect(resolveWith([], { ZAVU_CACHE: '0', ZAVU_DEBUG: 'on' }).baseUrl).toBeUndefined();
  });
  test('.env values fill in under the process environment without touching it', () => {
    const dir = scratchDir('zvc-env-');
    writeFileSync(join(dir, '.env'), 'ZAVU_API_KEY=zv_test_fromfile\nZAVU_TIMEOUT_MS=42\n');
    const env = layeredEnv(dir, { ZAVU_TIMEOUT_MS: '43' });
    expect(env.values['ZAVU_API_KEY']).toBe('zv_test_fromfile');
    expect(env.values['ZAVU_TIMEOUT_MS']).toBe('43');
    expect(process.env['ZAVU_API_KEY']).not.toBe('zv_test_fromfile');
  });
  test('the environment is kept for the fixture roles to read (they name their variables)', () => {
    const config = resolveWith([], { ZAVU_SENDER_COEXISTENCE: ' a, b ,,c', ZAVU_SENDER_NO_WABA: 'n' });
    expect(config.env['ZAVU_SENDER_COEXISTENCE']).toBe(' a, b ,,c');
    expect(config.env['ZAVU_SENDER_NO_WABA']).toBe('n');
  });
  test('--operation is repeatable and comma-separated; writes are off unless asked', () => {
    expect(resolveWith(['--operation', 'a,b', '--operation', 'c']).operations).toEqual(['a', 'b', 'c']);
    expect(resolveWith([], { ZAVU_OPERATION: 'x' }).operations).toEqual(['x']);
    expect(resolveWith([]).operations).toBeUndefined();
    expect(resolveWith([])).toMatchObject({ allowWrites: false, allowLiveWrites: false });
    expect(resolveWith(['--allow-writes'])).toMatchObject({ allowWrites: true, allowLiveWrites: false });
    expect(resolveWith([], { ZAVU_ALLOW_WRITES: '1', ZAVU_ALLOW_LIVE_WRITES: 'yes' })).toMatchObject({ allowWrites: true, allowLiveWrites: true });
    expect(() => resolveWith(['--allow-live-writes'])).toThrow('--allow-live-writes needs --allow-writes');
    // A mock author's switch that would change nothing without writes is said, not ignored.
    expect(() => resolveWith(['--mock-target'])).toThrow('--mock-target needs --allow-writes');
    expect(resolveWith(['--mock-target', '--allow-writes']).mockTarget).toBe(true);
  });
  test('a sharded record run is refused: each shard would write its slice of an operation as the whole recording of it; a sharded replay is not', () => {
    expect(() => resolveWith(['--mode', 'record', '--shard', '1/2'])).toThrow(/^--shard with --mode record: each shard would write an operation's recording with its own slice of the cases alone, and the last would replace the others'; record without --shard \(a replay may be sharded\)$/);
    expect(() => resolveWith([], { ZAVU_MODE: 'record', ZAVU_SHARD: '2/3' })).toThrow(/^ZAVU_SHARD with ZAVU_MODE record: /);
    expect(resolveWith(['--mode', 'replay', '--shard', '1/2']).shard).toEqual({ index: 1, count: 2 });
    expect(resolveWith(['--mode', 'record']).shard).toBeUndefined();
  });
  test('a user-given spec path is relative to the working directory', () => {
    expect(resolveWith(['--spec', 'my.yaml']).specPath).toBe(join(cwd, 'my.yaml'));
    // Even when it spells the default: the user means their own file.
    expect(resolveWith(['--spec', 'specs/whatsapp-sync.openapi.yaml']).specPath).toBe(join(cwd, 'specs/whatsapp-sync.openapi.yaml'));
    expect(resolveWith([], { ZAVU_SPEC: 'specs/whatsapp-sync.openapi.yaml' }).specPath).toBe(join(cwd, 'specs/whatsapp-sync.openapi.yaml'));
  });
});

describe('validation', () => {
  test.each([
    [['--base-url', 'not a url'], /is not a URL/],
    // The key given where the URL goes (flags swapped) is not echoed.
    [['--base-url', 'zv_test_SECRETsecretSECRET1234567890'], /^--base-url is not a URL: it looks like an API key \(zv_…\), which goes in --api-key or ZAVU_API_KEY; the URL is e\.g\. https:\/\/api\.zavu\.dev$/],
    [['--base-url', 'http://127.0.0.1:0'], /^--base-url "http:\/\/127\.0\.0\.1:0": port 0 is out of range \(1 to 65535\)$/],
    [['--base-url', 'http://127.0.0.1:99999/v1'], /^--base-url "http:\/\/127\.0\.0\.1:99999\/v1": port 99999 is out of range \(1 to 65535\)$/],
    [['--base-url', 'ftp://host'], /must use http or https, not ftp/],
    // A host typed without its scheme: what is missing, and the URL likely meant.
    [['--base-url', 'localhost:4010'], /^--base-url "localhost:4010" has no scheme: did you mean "http:\/\/localhost:4010"\?$/],
    [['--base-url', '127.0.0.1:4010/'], /^--base-url "127\.0\.0\.1:4010\/" has no scheme: did you mean "http:\/\/127\.0\.0\.1:4010\/"\?$/],
    [['--base-url', 'staging.example.test'], /^--base-url "staging\.example\.test" has no scheme: did you mean "https:\/\/staging\.example\.test"\?$/],
    [['--base-url', 'mailto:someone'], /must use http or https, not mailto/],
    [['--base-url', 'https://host/?token=1'], /must not carry a query/],
    [['--timeout', 'soon'], /whole number of milliseconds/],
    [['--timeout', '0'], /whole number of milliseconds/],
    [['--mode', 'playback'], /must be live, record or replay/],
    [['--repeat', '0'], /--repeat "0" must be a whole number from 1/],
    [['--concurrency', '9'], /--concurrency "9" must be a whole number from 1 to 8/],
    [['--write-settle-ms', '1s'], /^--write-settle-ms "1s" must be a whole number from 0 to 10000$/],
    [['--write-settle-ms', '60000'], /--write-settle-ms "60000" must be a whole number from 0 to 10000/],
    [['--max-body-bytes', '16M'], /^--max-body-bytes "16M" must be a whole number from 1024 to 268435456$/],
    [['--max-body-bytes', '100'], /--max-body-bytes "100" must be a whole number from 1024/],
    [['--rate=-1'], /--rate "-1"/],
    [['--rate', '-1'], /flag --rate needs a value \(write --rate=VALUE when the value starts with "-"\)/],
    // A request every 40 minutes looks like a hang; 1e-300 overflowed Node's timers and ran at full speed.
    [['--rate', '0.0004'], /^--rate "0.0004" must be a number of requests per second from 0.1 \(one every 10 s\) to 1000$/],
    [['--rate', '1e-300'], /--rate "1e-300" must be a number of requests per second from 0.1/],
    [['--seed=-5'], /--seed "-5"/],
    [['--shard', '3/2'], /shard/],
    [['--baseline-strict'], /--baseline-strict needs --baseline FILE/],
  ])('%j is refused', (argv, message) => {
    expect(() => resolveWith(argv)).toThrow(message);
  });
});

test('an on/off variable is 1, true, yes or on, or 0, false, no, off or empty; anything else is refused, naming it (and .env)', () => {
  expect(resolveWith([], { ZAVU_ALLOW_WRITES: 'On', ZAVU_ALLOW_FLAKY: ' yes ' })).toMatchObject({ allowWrites: true, allowFlaky: true });
  expect(resolveWith([], { ZAVU_ALLOW_WRITES: 'off', ZAVU_ALLOW_FLAKY: 'FALSE' })).toMatchObject({ allowWrites: false, allowFlaky: false });
  expect(() => resolveWith(['--baseline', 'b.json'], { ZAVU_BASELINE_STRICT: 'enabled' })).toThrow(new UsageError('ZAVU_BASELINE_STRICT "enabled" must be 1, true, yes or on (or 0, false, no, off)'));
  const fromDotenv = () => resolveRunConfig(parseFlags([], runOptions), { values: { ZAVU_ALLOW_WRITES: 'y' }, fromDotenv: new Set(['ZAVU_ALLOW_WRITES']) }, cwd);
  expect(fromDotenv).toThrow(/^ZAVU_ALLOW_WRITES \(from \.env\) "y" must be/);
  // A switch that needs another names what turned it on.
  expect(() => resolveWith([], { ZAVU_BASELINE_STRICT: '1' })).toThrow(new UsageError('ZAVU_BASELINE_STRICT needs --baseline FILE'));
  expect(() => resolveWith(['--baseline-strict'])).toThrow(new UsageError('--baseline-strict needs --baseline FILE'));
});

test('regression and negative-input settings, from flags and environment', () => {
  const config = resolveWith(['--repeat', '3', '--shard', '2/4', '--seed', '42', '--allow-flaky'], { ZAVU_BASELINE: 'last.json', ZAVU_BASELINE_STRICT: 'true', ZAVU_LATENCY_BUDGET_MS: '250', ZAVU_RATE: '2.5' });
  expect(config).toMatchObject({
    repeat: 3,
    shard: { index: 2, count: 4 },
    seed: 42,
    allowFlaky: true,
    baseline: { file: join(cwd, 'last.json'), strict: true },
    latencyBudgetMs: 250,
    ratePerSecond: 2.5,
    fuzzRuns: 20,
    concurrency: 1,
    writeSettleMs: 0,
  });
  expect(resolveWith([], { ZAVU_WRITE_SETTLE_MS: '750' }).writeSettleMs).toBe(750);
});

test("the run id: given (checked, sharded or not), else with --shard the CI's own; never one outside CI", () => {
  expect(resolveWith(['--shard', '1/2'], { GITHUB_RUN_ID: '123', GITHUB_RUN_ATTEMPT: '3' }).runId).toBe('github:123');
  expect(resolveWith(['--shard', '1/2', '--run-id', 'night-5'], { GITHUB_RUN_ID: '123' }).runId).toBe('night-5');
  expect(resolveWith([], { ZAVU_RUN_ID: 'night-5' }).runId).toBe('night-5');
  expect(resolveWith(['--shard', '1/2'])).not.toHaveProperty('runId');
  // An unsharded run does not take the CI's: only shards are merged.
  expect(resolveWith([], { CI_PIPELINE_ID: '9' })).not.toHaveProperty('runId');
  expect(() => resolveWith(['--run-id', 'a;b'])).toThrow(new UsageError('--run-id has ";" at character 2: use letters, digits and . _ - : (beginning with a letter or digit) (the id of the CI run its shards share)'));
  expect(() => resolveWith([], { ZAVU_RUN_ID: 'x'.repeat(129) })).toThrow(/^ZAVU_RUN_ID is 129 characters long, at most 128/);
});

test('the body bound: 16 MiB by default, from the flag, the environment or .env', () => {
  expect(resolveWith([]).maxBodyBytes).toBe(16 * 1024 * 1024);
  expect(resolveWith(['--max-body-bytes', '65536'], { ZAVU_MAX_BODY_BYTES: '2048' }).maxBodyBytes).toBe(65536);
  expect(resolveWith([], { ZAVU_MAX_BODY_BYTES: '2048' }).maxBodyBytes).toBe(2048);
  const dir = scratchDir('zvc-env-');
  writeFileSync(join(dir, '.env'), 'ZAVU_MAX_BODY_BYTES=lots\n');
  expect(() => resolveRunConfig({}, layeredEnv(dir, {}), dir)).toThrow(/^ZAVU_MAX_BODY_BYTES \(from \.env\) "lots" must be a whole number from 1024 to 268435456$/);
});

test('a seed is random when not given, so each run tries new inputs', () => {
  const seeds = new Set([1, 2, 3, 4, 5].map(() => resolveWith([]).seed));
  expect(seeds.size).toBeGreaterThan(1);
});

test('a bad value is blamed on where it came from: flag, environment variable, or .env', () => {
  expect(() => resolveWith(['--timeout', 'abc'])).toThrow(/^--timeout "abc"/);
  expect(() => resolveWith([], { ZAVU_TIMEOUT_MS: 'abc' })).toThrow(/^ZAVU_TIMEOUT_MS "abc"/);
  const dir = scratchDir('zvc-env-');
  writeFileSync(join(dir, '.env'), 'ZAVU_CONCURRENCY=twelve\n');
  expect(() => resolveRunConfig({}, layeredEnv(dir, {}), dir)).toThrow(/^ZAVU_CONCURRENCY \(from \.env\) "twelve" must be a whole number from 1 to 8$/);
  expect(() => resolveWith([], { ZAVU_SHARD: '5/2' })).toThrow(/ZAVU_SHARD/);
});

test('credentials in the base URL are refused, and never echoed', () => {
  expect(() => resolveWith(['--base-url', 'https://alice:s3cretpw@api.example/v'])).toThrow(/^--base-url must not carry credentials \(user:password@\)/);
  expect(() => resolveWith(['--base-url', 'https://alice:s3cretpw@api.example/v'])).not.toThrow(/s3cretpw/);
  expect(() => resolveWith(['--base-url', 'ftp://alice:s3cretpw@api.example'])).toThrow('"ftp://***@api.example"');
});

test('a base URL the parser cannot read, or reads as another scheme, is echoed without what precedes an "@"', () => {
  // Typed without a scheme ("user:" parses as one), with backslashes, or with a "/" in the password:
  // the URL parser finds no user-info in any, yet each holds the password as typed.
  const forms: Array<[string, string]> = [
    ['alice:s3cretpw@127.0.0.1:4010', '"***@127.0.0.1:4010"'],
    ['http:\\\\alice:s3cretpw@127.0.0.1:99999', '"http:\\\\\\\\***@127.0.0.1:99999"'],
    ['http://alice:s3/cretpw@127.0.0.1:4010', '"http://***@127.0.0.1:4010"'],
  ];
  for (const [value, echoed] of forms) {
    expect(() => resolveWith(['--base-url', value])).toThrow(echoed);
    expect(() => resolveWith(['--base-url', value])).not.toThrow(/s3|cretpw|alice/);
  }
});

test('a base URL that carries the API key is refused before any request, and the key is not echoed', () => {
  const key = 'zv_test_AbCdEfGhIjKlMnOpQrStUv012345';
  // As written, percent-encoded (a key with characters a path escapes), and in a host (lower-cased by URL parsing).
  const cases: Array<[string, string]> = [
    [`https://api.example/${key}`, key],
    [`https://api.example/p/${encodeURIComponent(`${key}+/`)}/v`, `${key}+/`],
    [`https://${key.replace(/_/g, '-')}.example`, key.replace(/_/g, '-')],
    // The secret without its public prefix is the key's secret all the same.
    [`http://127.0.0.1:4010/${key.slice('zv_test_'.length)}`, key],
    // A short key: a whole path segment or host label.
    ['http://127.0.0.1:4010/s3cret7/v1', 's3cret7'],
    ['http://S3CRET7.example', 's3cret7'],
  ];
  for (const [url, apiKey] of cases) {
    let message = '';
    try {
      resolveWith(['--base-url', url, '--api-key', apiKey]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('--base-url carries the API key: the key goes only in ZAVU_API_KEY (or --api-key), as a bearer token');
  }
  // Not the key: another token, or a short key inside a longer word or the port.
  expect(() => resolveWith(['--base-url', 'https://api.example/zv_test_other', '--api-key', key])).not.toThrow();
  expect(() => resolveWith(['--base-url', 'http://127.0.0.1:4010/whatsapp-sync', '--api-key', 'sync'])).not.toThrow();
  expect(() => resolveWith(['--base-url', 'http://127.0.0.1:4010', '--api-key', '4010'])).not.toThrow();
});

test('the displayed target drops credentials in the URL', () => {
  expect(displayTarget('https://user:secret@api.example/v')).toBe('https://api.example/v');
});

test('a key with no target is refused (an unset URL variable in CI would certify the embedded server instead); replay and a key-less run are not', () => {
  const key = 'zv_test_0123456789abcdef';
  const refused = /^ZAVU_API_KEY is set but no target is \(--base-url and ZAVU_BASE_URL unset or empty\): the run would certify the embedded reference server, not yours/;
  expect(() => resolveWith([], { ZAVU_API_KEY: key })).toThrow(refused);
  expect(() => resolveWith([], { ZAVU_API_KEY: key, ZAVU_BASE_URL: '' })).toThrow(refused);
  expect(() => resolveWith(['--api-key', key])).toThrow(/^--api-key is set but no target is/);
  expect(() => resolveWith(['--mode', 'record'], { ZAVU_API_KEY: key })).toThrow(refused);
  expect(resolveWith(['--mode', 'replay'], { ZAVU_API_KEY: key }).mode).toBe('replay');
  expect(resolveWith([], { ZAVU_BASE_URL: 'http://127.0.0.1:9', ZAVU_API_KEY: key }).baseUrl).toBe('http://127.0.0.1:9');
  expect(resolveWith([]).baseUrl).toBeUndefined();
});

test.each([['"zv_test_abcdefgh12345678"'], ["'zv_test_abcdefgh12345678'"], ['zv_test_abcdefgh12345678"']])('a key copied with its quotes (%s, from a JSON secret or a shell line) is refused before any request, without quoting it', (key) => {
  // Sent as it is, it earned 401s and "is it this target's key?": the key is never shown, so the quotes could not be seen.
  let message = '';
  try {
    resolveWith(['--base-url', 'https://api.example', '--api-key', key]);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    message = (error as Error).message;
  }
  expect(message).toBe('--api-key: the API key begins or ends with a quote mark, which no key has (copied with its quotes?): remove them');
  expect(message).not.toContain('abcdefgh');
});

// The Action's user wrote base-url: a line naming ZAVU_BASE_URL names something their workflow never set.
test('inside the GitHub Action, a target its base-url input gave is named by that input; no target at all names the input beside the variable', () => {
  const action = { ZAVU_CONFORMANCE_ACTION: 'true', ZAVU_CONFORMANCE_ACTION_INPUTS: 'ZAVU_BASE_URL ZAVU_API_KEY' };
  expect(() => resolveWith([], { ...action, ZAVU_BASE_URL: 'localhost:4010' })).toThrow(new UsageError('base-url "localhost:4010" has no scheme: did you mean "http://localhost:4010"?'));
  expect(() => resolveWith([], { ...action, ZAVU_BASE_URL: 'http://127.0.0.1:9/zv_test_0123456789abcdef', ZAVU_API_KEY: 'zv_test_0123456789abcdef' })).toThrow(/^base-url carries the API key/);
  // The job's own ZAVU_BASE_URL (the input left empty): the variable the workflow did write.
  expect(() => resolveWith([], { ...action, ZAVU_CONFORMANCE_ACTION_INPUTS: 'ZAVU_API_KEY', ZAVU_BASE_URL: 'localhost:4010' })).toThrow(/^ZAVU_BASE_URL "localhost:4010" has no scheme/);
  expect(() => resolveWith([], { ...action, ZAVU_CONFORMANCE_ACTION_INPUTS: 'ZAVU_API_KEY', ZAVU_API_KEY: 'zv_test_0123456789abcdef', ZAVU_TARGET: 'https://x' })).toThrow(
    /^api-key is set but no target is \(the action's base-url input and ZAVU_BASE_URL unset or empty; ZAVU_TARGET holds a URL, but the target is read from those only\)/,
  );
  expect(resolveWith([], action).targetSetting).toBe("the action's base-url input");
  // Outside the Action, as before.
  expect(() => resolveWith([], { ZAVU_BASE_URL: 'localhost:4010' })).toThrow(/^ZAVU_BASE_URL "localhost:4010" has no scheme/);
  expect(resolveWith([], {}).targetSetting).toBeUndefined();
});

// The Action's user wrote api-key: a refusal of the key naming ZAVU_API_KEY names a variable their workflow never set.
test('inside the GitHub Action, a refusal of a key its api-key input gave names that input; a key from the job\'s own env keeps the variable', () => {
  const action = { ZAVU_CONFORMANCE_ACTION: 'true', ZAVU_CONFORMANCE_ACTION_INPUTS: 'ZAVU_BASE_URL ZAVU_API_KEY', ZAVU_BASE_URL: 'https://api.example' };
  const jobEnv = { ...action, ZAVU_CONFORMANCE_ACTION_INPUTS: 'ZAVU_BASE_URL' };
  const quoted = '"zv_test_0123456789abcdef"';
  expect(() => resolveWith([], { ...action, ZAVU_API_KEY: quoted })).toThrow(/^api-key: the API key begins or ends with a quote mark/);
  expect(() => resolveWith([], { ...jobEnv, ZAVU_API_KEY: quoted })).toThrow(/^ZAVU_API_KEY: the API key begins or ends with a quote mark/);
  expect(() => resolveWith([], { ...action, ZAVU_API_KEY: ENV_EXAMPLE_KEY })).toThrow(/^api-key: the API key is still \.env\.example's placeholder/);
  // Carried in the URL: where the key goes, in the workflow's terms.
  const key = 'zv_test_0123456789abcdef';
  expect(() => resolveWith([], { ...action, ZAVU_BASE_URL: `https://api.example/${key}`, ZAVU_API_KEY: key })).toThrow(/^base-url carries the API key: the key goes only in the api-key input, as a bearer token$/);
  expect(() => resolveWith([], { ...jobEnv, ZAVU_BASE_URL: `https://api.example/${key}`, ZAVU_API_KEY: key })).toThrow(/^base-url carries the API key: the key goes only in ZAVU_API_KEY \(or --api-key\), as a bearer token$/);
  // Outside the Action the list is no one's word.
  expect(() => resolveWith([], { ...action, ZAVU_CONFORMANCE_ACTION: '', ZAVU_API_KEY: quoted })).toThrow(/^ZAVU_API_KEY: the API key begins or ends with a quote mark/);
  expect(resolveWith([], { ...action, ZAVU_API_KEY: key }).labels?.apiKey).toBe('api-key');
});

test("inside the GitHub Action (its run step sets ZAVU_CONFORMANCE_ACTION), a refusal of the other project's key names the action's other-project-api-key input when that set it", () => {
  const live = { ZAVU_BASE_URL: 'http://127.0.0.1:9', ZAVU_API_KEY: 'zv_test_0123456789abcdef', ZAVU_CONFORMANCE_ACTION: 'true', ZAVU_CONFORMANCE_ACTION_INPUTS: 'ZAVU_OTHER_PROJECT_API_KEY ZAVU_SENDER_OTHER_PROJECT' };
  const named = 'other-project-api-key';
  // The sender it belongs to is named as its input too.
  expect(() => resolveWith([], { ...live, ZAVU_OTHER_PROJECT_API_KEY: live.ZAVU_API_KEY })).toThrow(new RegExp(`^${named} is the same key as the API key: it must be the key of the project sender-other-project belongs to`));
  // The job's own env set it (the input left empty): the variable its workflow wrote.
  expect(() => resolveWith([], { ...live, ZAVU_CONFORMANCE_ACTION_INPUTS: '', ZAVU_OTHER_PROJECT_API_KEY: live.ZAVU_API_KEY })).toThrow(/^ZAVU_OTHER_PROJECT_API_KEY is the same key as the API key: it must be the key of the project ZAVU_SENDER_OTHER_PROJECT belongs to/);
  expect(() => resolveWith([], { ...live, ZAVU_BASE_URL: `http://127.0.0.1:9/zv_test_otherproject0123456789`, ZAVU_OTHER_PROJECT_API_KEY: 'zv_test_otherproject0123456789' })).toThrow(/^the base URL carries other-project-api-key: that key goes only in it, as a bearer token$/);
  expect(() => resolveWith([], { ...live, ZAVU_OTHER_PROJECT_API_KEY: 'zv_test_other project' })).toThrow(new RegExp(`^${named}: the key must be visible ASCII`));
  const { ZAVU_BASE_URL: _url, ...embedded } = live;
  expect(() => resolveWith([], { ...embedded, ZAVU_API_KEY: '', ZAVU_OTHER_PROJECT_API_KEY: 'zv_test_otherproject0123456789' })).toThrow(new RegExp(`^${named} is set but no target is .*; set the target, or unset ${named}$`));
  // Outside the action, and from a .env file inside it, the variable as every other line names it.
  expect(() => resolveWith([], { ...live, ZAVU_CONFORMANCE_ACTION: '', ZAVU_OTHER_PROJECT_API_KEY: live.ZAVU_API_KEY })).toThrow(/^ZAVU_OTHER_PROJECT_API_KEY is the same key as the API key: /);
  expect(() => resolveRunConfig(parseFlags([], runOptions), { values: { ...live, ZAVU_OTHER_PROJECT_API_KEY: live.ZAVU_API_KEY }, fromDotenv: new Set(['ZAVU_OTHER_PROJECT_API_KEY']) }, cwd)).toThrow(/^ZAVU_OTHER_PROJECT_API_KEY \(from \.env\) is the same key as the API key: /);
});

test("ZAVU_OTHER_PROJECT_API_KEY is checked as the key is: one visible token, never in the URL, without being quoted", () => {
  const live = { ZAVU_BASE_URL: 'http://127.0.0.1:9', ZAVU_API_KEY: 'zv_test_0123456789abcdef' };
  const other = 'zv_test_otherproject0123456789';
  expect(resolveWith([], { ...live, ZAVU_OTHER_PROJECT_API_KEY: other }).otherProjectApiKey).toBe(other);
  // A space in it would split the Authorization header it goes in.
  const spaced = (() => {
    try {
      resolveWith([], { ...live, ZAVU_OTHER_PROJECT_API_KEY: 'zv_test_other project' });
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  })();
  expect(spaced).toMatch(/^ZAVU_OTHER_PROJECT_API_KEY: the key must be visible ASCII without spaces \(a bearer token in one header line\)$/);
  expect(spaced).not.toContain('other project');
  // Pasted with its quotes: named as the key's quotes are, with no word of the header appended to "remove them".
  expect(() => resolveWith([], { ...live, ZAVU_OTHER_PROJECT_API_KEY: `"${other}"` })).toThrow(/^ZAVU_OTHER_PROJECT_API_KEY: the key begins or ends with a quote mark, which no key has \(copied with its quotes\?\): remove them$/);
  // In the URL, it would be in every report's target and every curl.
  expect(() => resolveWith([], { ...live, ZAVU_BASE_URL: `http://127.0.0.1:9/${other}`, ZAVU_OTHER_PROJECT_API_KEY: other })).toThrow(/^the base URL carries ZAVU_OTHER_PROJECT_API_KEY: that key goes only in the variable, as a bearer token$/);
});
