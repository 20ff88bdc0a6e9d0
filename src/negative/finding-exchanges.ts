/**
 * The exchanges the negative-input property may report a finding on, held within a bound. The
 * property sends ~350 hostile ids in one case, and each answer may carry a body up to
 * --max-body-bytes: held all until the case ends, a target answering every id with 15 MiB made
 * ~5 GB, and the run died of an out-of-memory abort with no report. A finding is only ever a
 * failing or warning verdict, so a pass is not held at all; the others are held newest first
 * within a budget of body text, the newest always (the shrunk counterexample is most often the
 * last failure met). A read's finding whose exchange was let go is sent again when it is reported;
 * a write's never is (execute-negative.ts: a write is never sent twice).
 */
import type { Exchange } from '../model';

/** Body text held at once (UTF-16 code units): two answers at the default 16 MiB bound. */
export const FINDING_EXCHANGES_BUDGET_CHARS = 32 * 1024 * 1024;

/** What the store needs of a verdict: whether it can be a finding. */
export interface VerdictKind {
  ok: boolean;
  warning?: boolean;
}

export interface FindingExchanges {
  /** Holds `exchange` under `key` when its verdict can be a finding, letting the oldest go past the budget. */
  keep(key: string, exchange: Exchange, verdict: VerdictKind): void;
  get(key: string): Exchange | undefined;
  /** Body text held now, for tests of the bound. */
  heldChars(): number;
}

/** A verdict that can become a finding: a failure, or a pass that is only a warning. */
export const mayBeFinding = (verdict: VerdictKind): boolean => !verdict.ok || verdict.warning === true;

const bodyChars = (exchange: Exchange): number => exchange.response?.bodyText.length ?? 0;

export function findingExchanges(budgetChars = FINDING_EXCHANGES_BUDGET_CHARS): FindingExchanges {
  // A Map iterates in insertion order: its first key is the oldest held.
  const held = new Map<string, Exchange>();
  let chars = 0;
  const drop = (key: string): void => {
    const exchange = held.get(key);
    if (exchange === undefined) return;
    held.delete(key);
    chars -= bodyChars(exchange);
  };
  return {
    keep(key, exchange, verdict) {
      drop(key);
      if (!mayBeFinding(verdict)) return;
      held.set(key, exchange);
      chars += bodyChars(exchange);
      for (const oldest of held.keys()) {
        if (chars <= budgetChars || oldest === key) break;
        drop(oldest);
      }
    },
    get: (key) => held.get(key),
    heldChars: () => chars,
  };
}
