/**
 * The write-safety rules a run's settings must pass before its first request. The team's rule:
 * nothing but GET/HEAD leaves the suite against a live target unless the user asked for writes,
 * and then only to the fixture meant for them. A start (POST …/whatsapp-sync/history, …/contacts)
 * begins a real WhatsApp import on a real account, whose owner is then asked to approve it.
 *
 * - `--allow-writes` with a key that is not a sandbox key (`zv_live_…`, or a key the suite cannot
 *   place) needs `--allow-live-writes` as well: the user must say twice that writes may reach this
 *   target. Given both, the run keeps the team's rule, as every `--allow-writes` run does: starts go
 *   only to ZAVU_SENDER_SYNCABLE and the senders a `…_WRITABLE=1` consents to, never to the others.
 * - `--mock-target` is the one setting that breaks that rule on purpose (writes to every configured
 *   sender, as a disposable mock's state allows), so it is judged against what the suite can see of
 *   the target, its key and its host, and no switch lifts these refusals: not with a Zavu key that
 *   is not a sandbox key (a mock needs none, so either the target is production or a production key
 *   is being sent to a mock), and not against Zavu's own hosts (the contract's `servers` entry is
 *   https://api.zavu.dev; anything under zavu.dev is Zavu's), whatever the key: a sandbox there is
 *   still real accounts, not state the user may throw away.
 * - With `--mock-target` past those two, a key with no `zv_` prefix (a mock's made-up one) writes
 *   without `--allow-live-writes`: Zavu issues no such key and refuses it, so it can only unlock a
 *   mock, and mock authors were taught to give `--allow-live-writes` for it, which the `--mock-target`
 *   refusals now make needless.
 * - Every key a write goes out with is judged, not the run's key alone: the other project's key
 *   (ZAVU_OTHER_PROJECT_API_KEY) sends the isolation cases' starts (to the writable sender and to an
 *   id that names no sender), so a production key there writes as surely as in ZAVU_API_KEY.
 *
 * What the suite cannot see it cannot refuse: a production deployment behind a host of your own is
 * told from a mock by its key alone. A replay sends nothing, so none of these applies to it.
 */
import { otherProjectKeyLabel } from '../config/action-run';
import type { RunConfig } from '../config/run-config';
import { keyPrefix } from '../model/http';
import { isZavuHost, ZAVU_DOMAIN } from '../model/zavu-host';

/**
 * Whether the key is, or may be, a production key: `zv_live_`, or any other `zv_` prefix (in any
 * case) but the sandbox's `zv_test_` (a key whose prefix the suite cannot place is not taken for a
 * sandbox's). A key with no `zv_` prefix at all is no Zavu key: a mock's own.
 */
export function isProductionKey(apiKey: string): boolean {
  return !isSandboxKey(apiKey) && apiKey.toLowerCase().startsWith('zv_');
}

/** Whether the key is a sandbox's: its prefix `zv_test_` exactly, as Zavu issues it (model/http.ts keyPrefix). */
function isSandboxKey(apiKey: string): boolean {
  return keyPrefix(apiKey) === 'zv_test_';
}

/** The key in a refusal's words, never the key itself. */
function keyWords(apiKey: string): string {
  return apiKey.toLowerCase().startsWith('zv_live_') ? 'a production key (zv_live_…)' : 'a Zavu key that is not a sandbox key (zv_test_…)';
}

/** A key the run's writes go out with, and where it was given (undefined: said without a place). */
interface WritingKey {
  key: string;
  given?: string;
  /** The other project's key: named in the line, which would otherwise read as being about ZAVU_API_KEY. */
  other: boolean;
}

/** The keys the run's writes are sent with: the run's own, and the other project's when set (its isolation starts). */
function writingKeys(config: RunConfig): WritingKey[] {
  const own: WritingKey = { key: config.apiKey ?? '', ...(config.labels?.apiKey !== undefined ? { given: config.labels.apiKey } : {}), other: false };
  if (config.otherProjectApiKey === undefined) return [own];
  return [own, { key: config.otherProjectApiKey, given: otherProjectKeyLabel({ values: config.env, fromDotenv: config.envFromDotenv }), other: true }];
}

/** The one line refusing the run's writes, or undefined when they may go (or there are none). */
export function writeSafetyRefusal(config: RunConfig): string | undefined {
  if (config.baseUrl === undefined || !config.allowWrites || config.mode === 'replay') return undefined;
  const labels = config.labels ?? {};
  const keys = writingKeys(config);
  if (config.mockTarget) {
    const mock = labels.mockTarget ?? '--mock-target';
    // Said when it is set, so no one takes it for the switch that would lift this.
    const unlifted = config.allowLiveWrites ? ` (${labels.allowLiveWrites ?? '--allow-live-writes'} does not lift this)` : '';
    const production = keys.find(({ key }) => isProductionKey(key));
    if (production !== undefined) {
      const given = production.given === undefined ? '' : `, given in ${production.given}`;
      return `${mock} with ${keyWords(production.key)}${given}: a mock needs no production key, so either this target is Zavu's production API or a production key is being sent to a mock; give the mock a zv_test_ or made-up key${unlifted}`;
    }
    if (isZavuHost(new URL(config.baseUrl).hostname)) {
      return `${mock} with ${labels.baseUrl ?? '--base-url'} ${config.baseUrl}: that is Zavu's own API (${ZAVU_DOMAIN}), not a mock: its senders are real accounts, and ${mock} would start syncs on every one; drop it (--allow-writes alone writes only to ZAVU_SENDER_SYNCABLE)${unlifted}`;
    }
    // Left: sandbox keys, or ones with no zv_ prefix (a mock's made-up ones), on a host not Zavu's: a mock, as far as the suite can see.
    return undefined;
  }
  if (config.allowLiveWrites) return undefined;
  const unopened = keys.find(({ key }) => !isSandboxKey(key));
  if (unopened === undefined) return undefined;
  // A production key turns a conformance run into changes on real accounts: say so before anything is sent.
  // Named where it was given (inside the Action, its api-key input when that set it: SettingLabels.apiKey).
  if (unopened.other) return `--allow-writes with ${unopened.given ?? 'the other project\'s key'}, a key that is not a sandbox key (zv_test_…): its starts go out with it too; add --allow-live-writes to write to this target anyway`;
  return `--allow-writes with a key that is not a sandbox key (zv_test_…)${unopened.given === undefined ? '' : `, given in ${unopened.given}`}: add --allow-live-writes to write to this target anyway`;
}
