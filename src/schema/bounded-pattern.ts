/**
 * The RegExp engine ajv runs a spec's `pattern` keywords with (its `code.regExp` option). A spec
 * given with --spec may hold a catastrophic pattern (`^(a+)+$`, `^(\w+\s?)*$`), and a target's
 * string of a few dozen characters then backtracks for years inside one synchronous validate
 * call, past --timeout and signals. V8's linear engine cannot take it instead: in Node 20 it
 * refuses the `u` flag ajv compiles every pattern with (and its fallback on excessive backtracks
 * skips such patterns), and dropping `u` changes what `.`, `\p{…}` and astral characters match.
 * So each pattern runs as it always did, in V8's own engine, under a vm timeout, which interrupts
 * a running regexp. Two tiers, as a watchdog costs ~0.1 ms: a whole validate call runs under one
 * bound (boundedCall), its patterns tested plainly; only when that call runs past it is it run
 * again with each test bounded, all sharing one more bound. An ordinary pattern decides well inside
 * the bound and its result is unchanged; one that does not decide in time counts as not matched,
 * and the call notes why, so the issue can say the pattern was undecided rather than plainly
 * unmatched. The undeclared-properties walk tests patternProperties keys the same way.
 * node:vm is loaded only when a pattern is first tested: a spec without one never loads it.
 */
import type * as Vm from 'node:vm';

/**
 * How long one validate call may run with its patterns tested plainly, then how long all its
 * patterns may run tested one by one (and one test outside a call): an ordinary pattern on a
 * 16 MiB body decides well inside it.
 */
export const PATTERN_BOUND_MS = 1000;

/** The name the standalone code's factory takes this engine by (create-validator.ts). */
export const REGEXP_PARAM = '__regexp';

interface Runner {
  vm: typeof Vm;
  context: Vm.Context;
  test: Vm.Script;
  call: Vm.Script;
}

let runner: Runner | undefined;

function boundedRunner(): Runner {
  if (runner !== undefined) return runner;
  const vm = require('node:vm') as typeof Vm;
  runner = { vm, context: vm.createContext({}), test: new vm.Script('pattern.test(text)'), call: new vm.Script('action()') };
  return runner;
}

/** Patterns compiled so far in this process: none, and boundedCall adds nothing. */
let compiledPatterns = 0;
/** A boundedCall's first tier is running: its tests run plainly, the call itself is bounded. */
let insideCall = false;
/**
 * What is left of a boundedCall's second tier's one bound (ms): its tests share it, so a body of
 * a thousand distinct hostile strings costs one bound, not a thousand. Only time inside the tests
 * spends it: the call's other work (a large body's types and formats, a loaded machine) already
 * ran once whole and is linear, and spending the bound on it judged a body's every ordinary string
 * undecided. A test left no time counts as undecided; undefined outside a second tier.
 */
let testBudget: number | undefined;

/**
 * `script` under the bound, with `values` in its context; undefined when it ran past the bound.
 * A timeout reported before the deadline (a watchdog of an earlier run firing late) is
 * retried: only a run that really reached the deadline counts as undecided.
 */
function underBound<T>(script: Vm.Script, values: Record<string, unknown>, deadline: number): { value: T } | undefined {
  const { context } = boundedRunner();
  for (;;) {
    const left = Math.ceil(deadline - performance.now());
    if (left <= 0) return undefined;
    Object.assign(context, values);
    try {
      return { value: script.runInContext(context, { timeout: left }) as T };
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
    } finally {
      for (const name of Object.keys(values)) context[name] = undefined;
    }
  }
}

/**
 * Why a string counts as not matched without a decision: its test ran until the bound ran out
 * (or did so once before), or the bound had run out on the body's other strings before its test.
 */
export type Undecided = 'backtracked' | 'unreached';

/**
 * Patterns (keyed as ajv keys them, by the compiled RegExp's toString) and the strings on which
 * they ran out a whole bound of their own: a target that answers the same string again costs no second bound. Only those: a string
 * that had no time, or only what other strings left, may decide at once, and remembering it
 * failed every later body holding it. At most MAX_REMEMBERED strings are kept, so a target
 * sending ever new ones cannot grow it.
 */
const remembered = new Map<string, Set<string>>();
const MAX_REMEMBERED = 64;
let rememberedCount = 0;

/**
 * The strings the latest call (or test alone) left undecided, per pattern, and why: what its
 * issues say. Per call, not the memo: past MAX_REMEMBERED the memo keeps no more, and its issues
 * still had to say undecided. Replaced at each call, so it holds one body's strings at most.
 */
let lastCall = new Map<string, Map<string, Undecided>>();

/**
 * Why `pattern` did not decide on `text` in the latest call, or undefined when it decided. Looked
 * up by the compiled RegExp's toString, ajv's own key: two spellings of one pattern (`/` and `\/`)
 * share the compiled pattern of whichever came first, so an issue's spelling may not be the one tested.
 */
export function undecidedIn(pattern: string, text: string): Undecided | undefined {
  return lastCall.get(new RegExp(pattern, 'u').toString())?.get(text);
}

function note(pattern: string, text: string, why: Undecided): boolean {
  const texts = lastCall.get(pattern) ?? new Map<string, Undecided>();
  texts.set(text, why);
  lastCall.set(pattern, texts);
  return false;
}

function remember(pattern: string, text: string): void {
  if (rememberedCount >= MAX_REMEMBERED) return;
  const texts = remembered.get(pattern) ?? new Set<string>();
  texts.add(text);
  remembered.set(pattern, texts);
  rememberedCount += 1;
}

function test(regexp: RegExp, pattern: string, text: string): boolean {
  if (remembered.get(pattern)?.has(text) === true) return note(pattern, text, 'backtracked');
  if (insideCall) return regexp.test(text);
  if (testBudget === undefined) lastCall = new Map();
  const given = testBudget ?? PATTERN_BOUND_MS;
  if (given <= 0) return note(pattern, text, 'unreached');
  const started = performance.now();
  const decided = underBound<boolean>(boundedRunner().test, { pattern: regexp, text }, started + given);
  if (testBudget !== undefined) testBudget -= performance.now() - started;
  if (decided !== undefined) return decided.value;
  if (given >= PATTERN_BOUND_MS) remember(pattern, text);
  return note(pattern, text, 'backtracked');
}

/**
 * `action` (a validate call) with every pattern it tests bounded: first the whole call under one
 * bound, and when it runs past it, again with its tests sharing one more. Without a compiled
 * pattern, `action` alone.
 */
export function boundedCall<T>(action: () => T): T {
  if (compiledPatterns === 0 || insideCall || testBudget !== undefined) return action();
  lastCall = new Map();
  insideCall = true;
  let whole: { value: T } | undefined;
  try {
    whole = underBound<T>(boundedRunner().call, { action }, performance.now() + PATTERN_BOUND_MS);
  } finally {
    insideCall = false;
  }
  if (whole !== undefined) return whole.value;
  lastCall = new Map();
  testBudget = PATTERN_BOUND_MS;
  try {
    return action();
  } finally {
    testBudget = undefined;
  }
}

/**
 * ajv's RegExpEngine: compiles as ajv's default does (so a bad pattern is refused as before), tests
 * under the bound. ajv keeps one compiled pattern per `toString()` of what this returns, so it is
 * the RegExp's own (`/^\p{L}+$/u`): without it every pattern was "[object Object]", and each
 * pattern of a spec was tested as the first one compiled.
 */
export const boundedRegExp = Object.assign(
  (pattern: string, flags: string): { test: (text: string) => boolean; toString: () => string } => {
    const regexp = new RegExp(pattern, flags);
    compiledPatterns += 1;
    const key = regexp.toString();
    return { test: (text: string) => test(regexp, key, text), toString: () => key };
  },
  { code: REGEXP_PARAM },
);
