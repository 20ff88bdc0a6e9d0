/**
 * The order of suite versions, read from files other builds wrote (a report's
 * runInfo.suiteVersion, a recording's creator): semver's precedence, so "0.10.0" is after
 * "0.9.0" and "0.2.0-rc.1" before "0.2.0". Text that is no version (empty, garbage, a control
 * character) is neither newer nor older: no build of the suite writes it, so it names no writer.
 */

/** Longest version taken: npm's own limit is 256; a suite version is a few dozen characters. */
const MAX_VERSION_CHARS = 128;
const IDENTIFIER = String.raw`(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)`;
const VERSION = new RegExp(String.raw`^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})(?:-(${IDENTIFIER}(?:\.${IDENTIFIER})*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$`);

interface Parsed {
  numbers: [number, number, number];
  /** The pre-release's dot-separated identifiers; empty for a release. */
  pre: string[];
}

function parsed(version: string): Parsed | undefined {
  if (version.length > MAX_VERSION_CHARS) return undefined;
  const match = VERSION.exec(version);
  if (match === null) return undefined;
  return { numbers: [Number(match[1]), Number(match[2]), Number(match[3])], pre: match[4] === undefined ? [] : match[4].split('.') };
}

/** Whether `text` is a version as npm takes one ("0.2.0", "1.0.0-rc.1+sha.5"), at most MAX_VERSION_CHARS long. */
export function isVersion(text: string): boolean {
  return parsed(text) !== undefined;
}

/** One pre-release identifier against another: numeric ones by value and before alphanumeric ones, the rest in ASCII order. */
function identifierOrder(a: string, b: string): number {
  const numeric = (s: string): boolean => /^\d+$/.test(s);
  if (numeric(a) && numeric(b)) return Number(a) - Number(b);
  if (numeric(a) !== numeric(b)) return numeric(a) ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Pre-releases in semver's order: a release (none) after any pre-release of it; a shorter list before a longer one it starts. */
function preOrder(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const order = identifierOrder(a[i] ?? '', b[i] ?? '');
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/** Whether `version` comes after `than` by semver's precedence (build metadata ignored); false when either is no version. */
export function isNewerVersion(version: string, than: string): boolean {
  const a = parsed(version);
  const b = parsed(than);
  if (a === undefined || b === undefined) return false;
  const at = a.numbers.findIndex((n, i) => n !== b.numbers[i]);
  if (at !== -1) return a.numbers[at]! > b.numbers[at]!;
  return preOrder(a.pre, b.pre) > 0;
}
