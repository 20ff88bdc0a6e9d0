/**
 * The environment a run sees: process environment over the values of a `.env` file (dotenv),
 * without writing the file's values into process.env (that would leak them into child processes).
 */
import { lstatSync, readlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'dotenv';
import { InputFileError, readInputFile, unreadFile } from '../files/read-input-file';
import { UsageError } from '../model/errors';
import { closestName, compareCodeUnits } from '../text/plain-text';
import { listedFirst } from '../text/shown-and-rest';
import type { SettingsEnv } from './run-config';
import { runOptions } from './options';
import { OTHER_PROJECT_KEY_ENV } from '../model/http';

/** A .env holds a few settings: a larger file is not one. */
const ENV_FILE_LIMIT = 1024 * 1024;

/** Settings read outside a run's table of options: the cache (content-cache) and the stack of an internal error (cli-support). */
export const PROCESS_SETTINGS = ['ZAVU_CACHE', 'ZAVU_CACHE_DIR', 'ZAVU_DEBUG'] as const;

/**
 * Every setting name of the suite's commands (a run's options and the process settings; a run adds
 * its fixture variables): what a misspelt name is measured against by the commands that read the
 * environment (merge and history read ZAVU_HISTORY and its companions).
 */
export function suiteSettingNames(): string[] {
  // The other project's key has no flag (a secret in argv shows in every process listing).
  return [...runOptions.flatMap((o) => ('env' in o && o.env !== undefined ? [o.env] : [])), OTHER_PROJECT_KEY_ENV, ...PROCESS_SETTINGS];
}

/**
 * The setting `word` (a skipped line's first word) names, without a value glued to it ("=" lost:
 * `ZAVU_API_KEYzv_live_…`): dotenv did not read that value, so no scrubber knows it, and the line
 * would print the key whole. Cut before a Zavu key's shape, and else after the longest of `known`
 * it starts with when a lowercase letter follows (the suite's names are capitals; a value starts
 * there) or 8 characters or more do (a value of capitals and digits; a misspelt name adds fewer).
 */
function settingNameOf(word: string, known: readonly string[]): string {
  const key = word.search(/_?zv_(?:test|live)_/);
  const name = key === -1 ? word : word.slice(0, key);
  const glued = (rest: string): boolean => /^[a-z]/.test(rest) || rest.length >= 8;
  const longest = known.filter((setting) => name.startsWith(setting) && glued(name.slice(setting.length))).sort((a, b) => b.length - a.length)[0];
  return longest ?? name;
}

/**
 * A line that names a setting of the suite that dotenv did not read ("ZAVU_TIMEOUT_MS 5000",
 * "ZAVU_RATE:5"): dotenv skips it without a word, and the run would go on without the setting.
 * Only the suite's own names are looked at, and a line that is part of another variable's
 * multi-line quoted value (dotenv read it into that value) is not taken for one.
 */
function unreadSetting(text: string, read: Record<string, string>, file: string): UsageError | undefined {
  const values = Object.values(read);
  const lines = text.split(/\r\n?|\n/);
  const at = lines.findIndex((line) => {
    const name = /^\s*(?:export\s+)?(ZAVU_[A-Za-z0-9_]*)/.exec(line)?.[1];
    // The last line of a quoted value ends with its quote, which the value does not hold.
    const content = line.trim().replace(/["'`]$/, '');
    return name !== undefined && read[name] === undefined && !values.some((value) => value.includes(content));
  });
  if (at === -1) return undefined;
  const name = settingNameOf(/ZAVU_[A-Za-z0-9_]*/.exec(lines[at] ?? '')?.[0] ?? 'ZAVU_', suiteSettingNames());
  return new UsageError(`${file}:${at + 1}: ${name} is not set as NAME=VALUE, so it would be ignored: write ${name}=VALUE`, { path: file });
}

/**
 * The text of a .env file: UTF-8 (a byte order mark dotenv reads past), or UTF-16 with its byte
 * order mark (Windows Notepad's "Unicode"), decoded. Read as UTF-8, UTF-16 is letters between NUL
 * bytes, in which dotenv finds no setting at all: a run would certify the embedded server while the
 * file names a target. Any other text with a NUL byte is refused for the same reason.
 */
function envText(bytes: Buffer, file: string): string {
  const text = bytes[0] === 0xff && bytes[1] === 0xfe ? new TextDecoder('utf-16le').decode(bytes) : bytes[0] === 0xfe && bytes[1] === 0xff ? new TextDecoder('utf-16be').decode(bytes) : bytes.toString('utf8');
  // NUL left after decoding: UTF-16 without its mark, or UTF-32 (whose mark starts as UTF-16's).
  if (text.includes('\0')) throw new UsageError(`${file} holds NUL bytes (UTF-16 without a byte order mark, or UTF-32?), so no setting in it could be read: save it as UTF-8`, { path: file });
  return text;
}

export function layeredEnv(cwd: string, env: NodeJS.ProcessEnv): SettingsEnv {
  const file = resolve(cwd, '.env');
  let fromFile: Record<string, string> = {};
  let text: string | undefined;
  try {
    // A regular file of at most 1 MiB: a FIFO named .env would block every command before it began.
    text = envText(readInputFile(file, ENV_FILE_LIMIT, 'a .env file'), file);
    fromFile = parse(text);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (!(error instanceof InputFileError && error.code === 'ENOENT')) throw new UsageError(`cannot read ${file}: ${(error as Error).message}`, unreadFile(file, error));
    // A .env that is a link to nothing (a secrets mount not there, a moved file) is a .env meant to
    // be read: without it the run would certify the embedded server, or a target without its settings.
    if (lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() === true) {
      throw new UsageError(`cannot read ${file}: a symbolic link to nothing (${readlinkSync(file)}): point it at the settings file, or remove it`, { path: file, code: 'ENOENT' });
    }
  }
  const unread = text === undefined ? undefined : unreadSetting(text, fromFile, file);
  if (unread !== undefined) throw unread;
  // A key set in both places comes from the process environment, so only the rest is blamed on .env.
  const fromDotenv = new Set(Object.keys(fromFile).filter((key) => env[key] === undefined || env[key] === ''));
  return { values: { ...fromFile, ...env }, fromDotenv };
}

/** A variable's name that says it is where Zavu calls back (ZAVU_WEBHOOK_URL, ZAVU_CALLBACK_URL), not an API. */
const CALLED_BACK = /hook|callback/i;

/** How many of the variables urlNotTarget finds it names; the rest are counted. */
const NAMED_URL_VARIABLES = 3;

/**
 * The variables of the user's (ZAVU_TARGET, ZAVU_API_URL) that hold an http(s) URL, where the run
 * found no target, as words ("ZAVU_TARGET holds a URL"): no setting of the suite, so read by no one
 * (the target is --base-url or ZAVU_BASE_URL only). Without them named, a run with no key certified
 * the embedded server in silence, and one with a key was refused for "no target" beside the URL the
 * user believes they gave. Every one, by name, "(from .env)" when the file set it: a project's
 * .env holds URLs of its own (a webhook's), and the first by name alone hid the one meant. A few
 * named, the rest counted. Never a value (a URL may carry credentials). A variable whose name says
 * webhook or callback is left out: it is where Zavu calls the user's app back, by its name no API
 * the suite could certify, and an app's environment (a run from code reads process.env) holds one
 * on every run, where a note each time would teach its reader to skip the notes.
 */
export function urlNotTarget(values: Readonly<Record<string, string | undefined>>, fromDotenv?: ReadonlySet<string>): string | undefined {
  const read = new Set(suiteSettingNames());
  const names = Object.keys(values)
    .sort(compareCodeUnits)
    .filter((key) => /^zavu_/i.test(key) && !read.has(key) && !CALLED_BACK.test(key) && /^https?:\/\/\S/i.test(values[key]?.trim() ?? ''))
    .map((name) => (fromDotenv?.has(name) === true ? `${name} (from .env)` : name));
  if (names.length === 0) return undefined;
  if (names.length === 1) return `${names[0] ?? ''} holds a URL`;
  return `${listedFirst(names, NAMED_URL_VARIABLES)} hold URLs`;
}

/** The target's setting beside ZAVU_BASE_URL, as a run from the command line names it (RunConfig.targetSetting). */
export const TARGET_FLAG = '--base-url';

/**
 * "(--base-url and ZAVU_BASE_URL unset or empty)", with what {@link urlNotTarget} found, when it
 * found any. `setting`: the target's setting as the run's user sets it (RunConfig.targetSetting).
 */
export function noTargetWords(urls: string | undefined, setting: string = TARGET_FLAG): string {
  return `(${setting} and ZAVU_BASE_URL unset or empty${urls === undefined ? '' : `; ${urls}, but the target is read from those only`})`;
}

/**
 * The first variable that looks like a misspelt setting of the suite (`ZAVU_BASEURL`,
 * `zavu_fuzz_runs`), as an error: set, not read, and one or two edits from a name the suite does
 * read, so the run would go on without the setting the user believes they gave (a gate on the
 * embedded server, a baseline not strict). Other `ZAVU_` names are left alone: a project keeps its
 * own (`ZAVU_STAGING_URL`) beside the suite's.
 */
export function misspeltSetting(values: Readonly<Record<string, string | undefined>>, known: readonly string[], fromDotenv: ReadonlySet<string> = new Set()): UsageError | undefined {
  const read = new Set(known);
  // Matched on what follows ZAVU_: the shared prefix would let two edits turn a short name into
  // another word (ZAVU_NAME → ZAVU_RATE, ZAVU_MOCK → ZAVU_MODE).
  const stemOf = (setting: string): string => setting.replace(/^zavu_/i, '');
  const stems = known.map(stemOf);
  for (const name of Object.keys(values).sort(compareCodeUnits)) {
    if (!/^zavu_/i.test(name) || read.has(name) || values[name] === undefined) continue;
    const stem = closestName(stemOf(name), stems);
    const meant = stem === undefined ? undefined : known[stems.indexOf(stem)];
    if (meant === undefined) continue;
    const where = fromDotenv.has(name) ? ' (from .env)' : '';
    return new UsageError(`${name}${where} is no setting of the suite, so it would be ignored: did you mean ${meant}? (if it is a variable of your own, rename it)`);
  }
  return undefined;
}
