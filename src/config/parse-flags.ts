/** Command-line flags → raw values, with one-line errors for anything unknown or malformed. */
import { parseArgs } from 'node:util';
import { UsageError } from '../model/errors';
import { closestName } from '../text/plain-text';
import type { OptionSpec } from './options';

export type RawFlags = Record<string, string | boolean | undefined>;

/** The values of --mode, which a user may give as flags of their own. */
const MODES = ['live', 'record', 'replay'];

/**
 * Words other tools give these settings (and the suite's own lines: "the target"), no typo of the
 * suite's flag, so no edit distance finds it: --target read "unknown flag --target" with no hint.
 * A variable's own spelling as a flag (--reports-dir) is variableSpellings', from the options.
 * A word of two flags at once names both: --base is the head of --base-url and of --baseline, and
 * naming one would send the other's writers after the wrong setting.
 */
const OTHER_TOOLS_WORDS: Readonly<Record<string, string | readonly string[]>> = {
  base: ['base-url', 'baseline'],
  target: 'base-url', 'target-url': 'base-url', url: 'base-url', baseurl: 'base-url', 'base-uri': 'base-url', server: 'base-url', host: 'base-url', endpoint: 'base-url', 'api-url': 'base-url',
  key: 'api-key', apikey: 'api-key', token: 'api-key', 'api-token': 'api-key', 'auth-token': 'api-key', bearer: 'api-key',
  // A mock author's words: the target is their mock (and writes are what they mean to allow).
  mock: 'mock-target', 'mock-server': 'mock-target', writes: 'allow-writes', write: 'allow-writes',
  output: 'reports', out: 'reports', 'out-dir': 'reports', 'output-dir': 'reports', report: 'reports', 'report-dir': 'reports',
  // node -v, java -V: a hint, never a meaning (-v is verbose in as many tools, and may yet be the suite's).
  v: 'version',
};

export function parseFlags(argv: readonly string[], specs: readonly OptionSpec[]): RawFlags {
  const options = Object.fromEntries(specs.map((s) => [s.flag, { type: s.type, ...(s.multiple === true ? { multiple: true } : {}), ...(s.short !== undefined ? { short: s.short } : {}) }]));
  let parsed: ReturnType<typeof parseArgs>['values'];
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(describeParseError(error, Object.keys(options), argv, variableSpellings(specs)));
  }
  // A repeatable flag reads like its comma-separated form: --operation a --operation b = --operation a,b.
  const flags = Object.fromEntries(Object.entries(parsed).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : value])) as RawFlags;
  // An empty value is a script's unset variable (--reports "$DIR"), not a choice: taken as given it
  // would mean the current folder (reports written, and earlier files removed, where one stands) or
  // every operation. An empty variable already counts as unset; an empty flag is an error.
  // Each value of a repeated flag counts, and a list of nothing but commas is as empty.
  const empty = Object.entries(parsed).find(([, value]) => [value].flat().some((one) => typeof one === 'string' && one.split(',').every((piece) => piece.trim() === '')));
  if (empty !== undefined) throw new UsageError(`flag --${empty[0]} is empty (an unset variable?): give it a value or leave it out`);
  return flags;
}

/**
 * Each flag whose variable, written as a flag, is another word (ZAVU_REPORTS_DIR: `reports-dir`, the
 * action's input of that name too; ZAVU_TIMEOUT_MS: `timeout-ms`), keyed by that word: too far from
 * the flag for an edit-distance hint, yet plainly the setting meant.
 */
function variableSpellings(specs: readonly OptionSpec[]): Record<string, string> {
  const spelt = specs.flatMap((spec) => (spec.env === undefined ? [] : [[spec.env.replace(/^ZAVU_/, '').toLowerCase().replace(/_/g, '-'), spec.flag] as const]));
  return Object.fromEntries(spelt.filter(([word, flag]) => word !== flag));
}

/**
 * The word typed with one dash (`-timeout`, `-help`) that holds `letter`: parseArgs reads such a word
 * as a group of one-letter flags and names its first unknown letter (`-t`, or `-e` of `-help`, whose
 * `-h` it knows), a flag the user never typed. Words after `--` are no flags.
 */
function singleDashWord(argv: readonly string[], letter: string): string | undefined {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).find((word) => {
    const name = word.split('=')[0] ?? '';
    return /^-[^-]/.test(name) && name.length > 2 && name.slice(1).includes(letter);
  });
}

/**
 * Node's parseArgs messages are long and mention internals; say the same in a line. `flags`: the
 * command's own, for a "did you mean" hint; `argv`: the words parsed, to name a one-dash word whole.
 */
export function describeParseError(error: unknown, flags: readonly string[], argv: readonly string[] = [], variables: Readonly<Record<string, string>> = {}): string {
  const err = error as { code?: string; message?: string };
  const message = err.message ?? String(error);
  const reported = /'(-[^' ]*)/.exec(message)?.[1];
  const option = err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && reported !== undefined && /^-[^-]$/.test(reported) ? (singleDashWord(argv, reported.slice(1))?.split('=')[0] ?? reported) : reported;
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const word = option?.replace(/^-+/, '').split('=')[0] ?? '';
      // A mode given as a flag of its own (--replay) means the mode, however near another flag it is (--repeat).
      const spelt = word.toLowerCase();
      const one = option === undefined ? undefined : flags.includes('mode') && MODES.includes(word) ? `mode ${word}` : ((Object.hasOwn(variables, spelt) ? variables[spelt] : undefined) ?? closestName(word, flags));
      const meant = one !== undefined ? [one] : option === undefined ? [] : otherToolsWords(spelt, flags);
      return `unknown flag ${option ?? message} (${meant.length === 0 ? '' : `did you mean ${meant.map((flag) => `--${flag}`).join(' or ')}? `}run with --help for the list)`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (option !== undefined && message.includes('does not take an argument')) return `flag ${option} takes no value: it is on when given, off when left out`;
      return option ? `flag ${option} needs a value (write ${option}=VALUE when the value starts with "-")` : 'a flag needs a value';
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const argument = /'([^']*)'/.exec(message)?.[1];
      return `unexpected argument ${argument === undefined ? '' : `"${argument}" `}: settings are given as --flag value (run with --help)`.replace(' :', ':');
    }
    default:
      return message.split('\n')[0] ?? 'invalid arguments';
  }
}

/** The command's flags that a word other tools use may mean, those the command has (none: no hint). */
function otherToolsWords(word: string, flags: readonly string[]): string[] {
  const meant = Object.hasOwn(OTHER_TOOLS_WORDS, word) ? OTHER_TOOLS_WORDS[word] : undefined;
  return [meant ?? []].flat().filter((flag) => flags.includes(flag));
}
