/**
 * .env under the process environment: what dotenv reads is read, and a line that names one of the
 * suite's settings but that dotenv skips is an error with its file and line, not a setting lost.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { layeredEnv, misspeltSetting, noTargetWords, urlNotTarget } from '../../src/config/layered-env';
import { scratchDir } from '../support/scratch-dir';
import { thrownUsageError } from '../support/usage-message';

function envFile(text: string): string {
  const dir = scratchDir('zvc-env-');
  writeFileSync(join(dir, '.env'), text);
  return dir;
}

test.each([
  ['a space for "="', 'ZAVU_TIMEOUT_MS 5000', 'ZAVU_TIMEOUT_MS'],
  ['a colon with no space after it (dotenv reads "NAME: value" only)', 'ZAVU_RATE:5', 'ZAVU_RATE'],
  ['a name alone', 'export ZAVU_ALLOW_WRITES', 'ZAVU_ALLOW_WRITES'],
])('a setting with %s is refused with its file and line, not skipped in silence', (_what, line, name) => {
  const dir = envFile(`# settings\r\nZAVU_API_KEY=zv_test_fromfile\r\n\r\n${line}\r\n`);
  expect(() => layeredEnv(dir, {})).toThrow(`${join(dir, '.env')}:4: ${name} is not set as NAME=VALUE, so it would be ignored: write ${name}=VALUE`);
});

test.each([
  ['the key', 'ZAVU_API_KEYzv_live_0123456789abcdefXYZ', 'ZAVU_API_KEY'],
  ["the other project's key", 'ZAVU_OTHER_PROJECT_API_KEY_zv_test_0123456789abcdef', 'ZAVU_OTHER_PROJECT_API_KEY'],
  ['a key, its name misspelt', 'ZAVU_APIKEYzv_live_0123456789abcdefXYZ', 'ZAVU_APIKEY'],
  ['a key of another shape (a target not Zavu\'s)', 'ZAVU_API_KEYsecret_0123456789', 'ZAVU_API_KEY'],
  ['a key of capitals and digits', 'ZAVU_API_KEY0123ABCDEF4567', 'ZAVU_API_KEY'],
])("a setting whose value is glued to its name (%s, its \"=\" lost): the line names the setting, never the value, which no scrubber knows (dotenv did not read it)", (_what, line, name) => {
  const dir = envFile(`${line}\n`);
  const { message } = thrownUsageError(() => layeredEnv(dir, {}));
  expect(message).toBe(`${join(dir, '.env')}:1: ${name} is not set as NAME=VALUE, so it would be ignored: write ${name}=VALUE`);
  expect(message).not.toContain(line.slice(name.length));
});

test('no .env is no settings; a .env that links to nothing is refused, not read as none (the run would certify the embedded server)', () => {
  const none = scratchDir('zvc-env-');
  expect(layeredEnv(none, { ZAVU_RATE: '5' }).values).toEqual({ ZAVU_RATE: '5' });
  const dangling = scratchDir('zvc-env-');
  const missing = join(dangling, 'secrets', 'zavu.env');
  symlinkSync(missing, join(dangling, '.env'));
  expect(() => layeredEnv(dangling, {})).toThrow(`cannot read ${join(dangling, '.env')}: a symbolic link to nothing (${missing}): point it at the settings file, or remove it`);
});

test('what dotenv reads stays read: export, "NAME: value", another variable\'s multi-line value holding such a line, comments', () => {
  const dir = envFile('export ZAVU_TIMEOUT_MS=42\nZAVU_RATE: 5\nOTHER="line one\nZAVU_FUZZ_RUNS 3"\n  # ZAVU_NOTE indented comment\n');
  expect(layeredEnv(dir, {}).values).toMatchObject({ ZAVU_TIMEOUT_MS: '42', ZAVU_RATE: '5', OTHER: 'line one\nZAVU_FUZZ_RUNS 3' });
});

test('a .env saved as UTF-16 with its byte order mark (Notepad\'s "Unicode") is read, little- or big-endian; NUL bytes without one are refused, not read as no settings', () => {
  const text = 'ZAVU_BASE_URL=http://127.0.0.1:4010\r\nZAVU_API_KEY=zv_test_fromfile\r\n';
  const little = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const big = Buffer.from(little.subarray(2)).swap16();
  for (const bytes of [little, Buffer.concat([Buffer.from([0xfe, 0xff]), big])]) {
    const dir = scratchDir('zvc-env-');
    writeFileSync(join(dir, '.env'), bytes);
    expect(layeredEnv(dir, {}).values).toMatchObject({ ZAVU_BASE_URL: 'http://127.0.0.1:4010', ZAVU_API_KEY: 'zv_test_fromfile' });
  }
  const dir = scratchDir('zvc-env-');
  writeFileSync(join(dir, '.env'), Buffer.from(text, 'utf16le'));
  expect(() => layeredEnv(dir, {})).toThrow(`${join(dir, '.env')} holds NUL bytes (UTF-16 without a byte order mark, or UTF-32?), so no setting in it could be read: save it as UTF-8`);
  // UTF-32 little-endian: its mark starts as UTF-16's, and decoded so it keeps NULs between the letters.
  const utf32 = Buffer.alloc(4 * (text.length + 1));
  utf32.writeUInt32LE(0xfeff, 0);
  [...text].forEach((letter, i) => utf32.writeUInt32LE(letter.charCodeAt(0), 4 * (i + 1)));
  const wide = scratchDir('zvc-env-');
  writeFileSync(join(wide, '.env'), utf32);
  expect(() => layeredEnv(wide, {})).toThrow(/holds NUL bytes/);
  // A UTF-8 byte order mark is read past, as before.
  expect(layeredEnv(envFile(`\ufeff${text}`), {}).values).toMatchObject({ ZAVU_BASE_URL: 'http://127.0.0.1:4010' });
});

test('a variable one or two edits from a setting is refused, naming the setting it likely meant and where it was set; the project\'s own ZAVU_ names and the set ones are not', () => {
  const known = ['ZAVU_API_KEY', 'ZAVU_FUZZ_RUNS', 'ZAVU_SENDER_COEXISTENCE', 'ZAVU_TIMEOUT_MS', 'ZAVU_RATE', 'ZAVU_MODE'];
  // A short name of a project's own is not taken for a typo through the prefix they share (ZAVU_NAME is two edits from ZAVU_RATE).
  const fine = { ZAVU_API_KEY: 'zv_test_x', ZAVU_STAGING_URL: 'http://x', ZAVU_FUZZ_RUNZ: undefined, ZAVU_NAME: 'acme', ZAVU_MOCK: '1', HOME: '/root' };
  expect(misspeltSetting(fine, known)).toBeUndefined();
  expect(misspeltSetting({ ...fine, ZAVU_SENDER_COEXISTANCE: 'snd_1' }, known)?.message).toBe('ZAVU_SENDER_COEXISTANCE is no setting of the suite, so it would be ignored: did you mean ZAVU_SENDER_COEXISTENCE? (if it is a variable of your own, rename it)');
  // The first by name, and from .env when it came from there.
  expect(misspeltSetting({ ...fine, zavu_timeout_ms: '5000', ZAVU_FUZZ_RUN: '0' }, known, new Set(['ZAVU_FUZZ_RUN']))?.message).toBe('ZAVU_FUZZ_RUN (from .env) is no setting of the suite, so it would be ignored: did you mean ZAVU_FUZZ_RUNS? (if it is a variable of your own, rename it)');
});

test("a variable of the user's that holds an http(s) URL is named where no target is set; the suite's own settings, other values and other prefixes are not", () => {
  expect(urlNotTarget({ ZAVU_API_URL: 'http://x' })).toBe('ZAVU_API_URL holds a URL');
  expect(urlNotTarget({ zavu_url: ' HTTP://x ' }, new Set(['zavu_url']))).toBe('zavu_url (from .env) holds a URL');
  expect(urlNotTarget({ ZAVU_BASE_URL: 'https://x', ZAVU_NAME: 'acme', ZAVU_HOST: 'api.example', ZAVU_URL: 'http://', STAGING_URL: 'https://x', ZAVU_EMPTY: undefined })).toBeUndefined();
  expect(noTargetWords(urlNotTarget({}))).toBe('(--base-url and ZAVU_BASE_URL unset or empty)');
  expect(noTargetWords(urlNotTarget({ ZAVU_TARGET: 'https://x' }))).toBe('(--base-url and ZAVU_BASE_URL unset or empty; ZAVU_TARGET holds a URL, but the target is read from those only)');
});

// A project's .env holds URLs of its own (a dashboard's, a status page's): the first by name alone named
// ZAVU_DASHBOARD_URL where the user had set ZAVU_TARGET, hiding the one they meant.
test('every variable of the user\'s that holds a URL is named, a few by name and how many more (a fourth named, never "and 1 more")', () => {
  expect(urlNotTarget({ ZAVU_A_URL: 'https://a', ZAVU_B_URL: 'https://b', ZAVU_C_URL: 'https://c', ZAVU_D_URL: 'https://d' })).toBe('ZAVU_A_URL, ZAVU_B_URL, ZAVU_C_URL and ZAVU_D_URL hold URLs');
  expect(urlNotTarget({ ZAVU_TARGET: 'https://api.staging.example', ZAVU_DASHBOARD_URL: 'https://dash.example/zavu' }, new Set(['ZAVU_DASHBOARD_URL']))).toBe('ZAVU_DASHBOARD_URL (from .env) and ZAVU_TARGET hold URLs');
  const many = { ZAVU_A_URL: 'https://a', ZAVU_B_URL: 'https://b', ZAVU_C_URL: 'https://c', ZAVU_D_URL: 'https://d', ZAVU_E_URL: 'https://e' };
  expect(urlNotTarget(many)).toBe('ZAVU_A_URL, ZAVU_B_URL, ZAVU_C_URL and 2 more hold URLs');
  expect(noTargetWords(urlNotTarget({ ZAVU_TARGET: 'https://x', ZAVU_API_URL: 'https://y' }))).toBe('(--base-url and ZAVU_BASE_URL unset or empty; ZAVU_API_URL and ZAVU_TARGET hold URLs, but the target is read from those only)');
});

// Where Zavu calls the user's app back (a webhook, a callback): by its name no API the suite could
// certify, and an app's environment (the library's default, process.env) holds one on every run.
test("a variable whose name says webhook or callback is not named as a target the user may have meant", () => {
  expect(urlNotTarget({ ZAVU_WEBHOOK_URL: 'https://app.example/hooks/zavu', zavu_callback_url: 'https://app.example/cb', ZAVU_STATUS_WEBHOOKS: 'https://x', ZAVU_DELIVERY_CALLBACK: 'https://y' })).toBeUndefined();
  expect(urlNotTarget({ ZAVU_WEBHOOK_URL: 'https://app.example/hooks/zavu', ZAVU_TARGET: 'https://api.staging.example' })).toBe('ZAVU_TARGET holds a URL');
});

test("the target's setting is named as its reader set it: the library's baseUrl option, the action's base-url input", () => {
  expect(noTargetWords(urlNotTarget({ ZAVU_TARGET: 'https://x' }), 'baseUrl')).toBe('(baseUrl and ZAVU_BASE_URL unset or empty; ZAVU_TARGET holds a URL, but the target is read from those only)');
  expect(noTargetWords(undefined, "the action's base-url input")).toBe("(the action's base-url input and ZAVU_BASE_URL unset or empty)");
});

test(".env's refusals name it as the error's path, with the file system's code only when that refused it: a caller acts on them without reading the line", () => {
  const folder = scratchDir('zvc-env-');
  mkdirSync(join(folder, '.env'));
  expect(thrownUsageError(() => layeredEnv(folder, {}))).toMatchObject({ message: `cannot read ${join(folder, '.env')}: is a folder, not a .env file`, path: join(folder, '.env') });
  expect(thrownUsageError(() => layeredEnv(folder, {})).code).toBeUndefined();
  const dangling = scratchDir('zvc-env-');
  symlinkSync(join(dangling, 'gone.env'), join(dangling, '.env'));
  expect(thrownUsageError(() => layeredEnv(dangling, {}))).toMatchObject({ path: join(dangling, '.env'), code: 'ENOENT' });
  for (const text of ['ZAVU_RATE 5\n', 'Z\0A\0V\0U\0']) {
    const dir = envFile(text);
    expect(thrownUsageError(() => layeredEnv(dir, {})).path).toBe(join(dir, '.env'));
  }
});
