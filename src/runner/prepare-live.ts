/** A live (or record) run: start or reach the target, check it answers, bind scenarios to its fixtures. */
import type { RunConfig } from '../config/run-config';
import { displayTarget } from '../config/run-config';
import type { OperationContract, PlannedCase } from '../model';
import { bindFixtures, checkEmbeddedFixtureSettings, checkFixtureSettings, configuredRoles, configuredValues, fixtureVariables, hiddenValues, representativeValues } from '../registry/bind-fixtures';
import type { Registry } from '../registry/load-registry';
import { planCases, uncomparedRefusals, unreadByOwner } from '../registry/plan-cases';
import { variantProblem } from '../transport/auth-headers';
import { OTHER_PROJECT_KEY_ENV } from '../model/http';
import { EMBEDDED_TARGET } from '../model/result';
import { otherProjectKeyLabel, settingName } from '../config/action-run';
import { noTargetWords, TARGET_FLAG, urlNotTarget } from '../config/layered-env';
import { checkOtherProjectKey, keyCheckOperation, type KeyCheckRead } from './other-key-check';
import { liveWrites } from './live-writes';
import { preflight } from './preflight';
import { textScrubber } from './scrub-result';
import type { PreparedRun } from './prepared-run';
import { startTarget } from './start-target';
import { refuseUnservedByEmbedded } from './embedded-serves';

/**
 * A case whose credentials cannot be derived from this key (its case changed, for a key without
 * letters) would send the valid key and expect a 401: it is skipped with the reason instead.
 */
export function skipUnderivable(planned: PlannedCase, apiKey: string | undefined): PlannedCase {
  if (planned.skipReason !== undefined || apiKey === undefined) return planned;
  const problem = planned.steps.map((step) => variantProblem(step.auth, apiKey)).find((p) => p !== undefined);
  return problem === undefined ? planned : { ...planned, skipReason: problem };
}

/**
 * A base URL whose path ends as the operations' paths begin (`https://api.zavu.dev/v1`, and
 * `/v1/senders/…`) sends every request to `/v1/v1/…`, and the run would read as a target failing
 * every case: a note says so before the first case, naming the root that was likely meant. The run
 * goes on (a gateway may mount the API under such a prefix).
 */
export function repeatedPathNote(baseUrl: string, operations: Iterable<OperationContract>): string | undefined {
  const segments = (path: string): string[] => path.split('/').filter((segment) => segment !== '');
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return undefined;
  }
  const base = segments(url.pathname);
  for (const operation of operations) {
    const path = segments(operation.pathTemplate);
    for (let k = Math.min(base.length, path.length - 1); k >= 1; k -= 1) {
      const tail = base.slice(base.length - k);
      if (!tail.every((segment, i) => segment === path[i])) continue;
      url.pathname = `/${base.slice(0, base.length - k).join('/')}`;
      const prefix = `/${tail.join('/')}`;
      return `the base URL ends in ${prefix}, and the operations' paths begin with it, so requests go to /${base.join('/')}${operation.pathTemplate}: if that is not where the API is, give its root (${displayTarget(url.toString())})`;
    }
  }
  return undefined;
}

/**
 * Node reads NODE_TLS_REJECT_UNAUTHORIZED=0 (exactly "0") from its own process environment and then
 * verifies no certificate: anyone on the path may have answered in the target's name. Its one
 * warning goes to stderr, never into the reports a reviewer reads, so the run says it in a note.
 */
export function unverifiedTlsNote(baseUrl: string, rejectUnauthorized: string | undefined): string | undefined {
  if (rejectUnauthorized !== '0' || !baseUrl.startsWith('https:')) return undefined;
  return `NODE_TLS_REJECT_UNAUTHORIZED=0 is set: Node verified no TLS certificate, so the answers judged may not come from the target (${displayTarget(baseUrl)}); to trust a private CA or a self-signed certificate, unset it and give NODE_EXTRA_CA_CERTS=/path/to/ca.pem`;
}

/** `signal`: a library run's, which ends the other-key check's waits (the run then stops as aborted). */
export async function prepareLive(config: RunConfig, registry: Registry, operations: ReadonlyMap<string, OperationContract>, signal?: AbortSignal): Promise<PreparedRun> {
  // Before the target is reached: a mistake in the settings sends nothing.
  // A URL in a variable of the user's (ZAVU_TARGET) is read by no one, so named where no target is:
  // in the refusal below, and in a note (the banner's "embedded reference server" alone reads as
  // what was asked for). Not refused for itself: a project may keep its own URL variables beside
  // the suite's and run against the embedded server on purpose.
  const urlVariables = config.baseUrl === undefined ? urlNotTarget(config.env, config.envFromDotenv) : undefined;
  // Each variable as its user set it: inside the GitHub Action, the input that set it (sender-no-waba…).
  const named = (variable: string): string => settingName(variable, { values: config.env });
  if (config.baseUrl !== undefined) checkFixtureSettings(registry, config.env, [{ name: 'the API key', value: config.apiKey }, { name: named(OTHER_PROJECT_KEY_ENV), value: config.otherProjectApiKey }], named);
  else checkEmbeddedFixtureSettings(registry, config.env, noTargetWords(urlVariables, config.targetSetting), named);
  // Only the operations of its route table are the embedded server's to answer: a data-only one is the user's server's.
  if (config.baseUrl === undefined) refuseUnservedByEmbedded(registry, operations, config.operations);
  const target = await startTarget(config);
  try {
    await preflight(target.baseUrl, config.timeoutMs);
  } catch (error) {
    await target.close();
    throw error;
  }
  const bound = bindFixtures(registry, { embedded: target.embedded, env: config.env });
  // A mock's state is the run's to change, as the embedded server's is (--mock-target, only with
  // --allow-writes): every write case is planned, to every configured sender. Its fixtures are still
  // the configured ones (bindFixtures above is told the truth).
  const disposable = target.embedded || (config.mockTarget && config.allowWrites);
  const input = { registry, operations, bound, embedded: disposable, allowWrites: config.allowWrites, otherProjectKey: target.otherProjectKey !== undefined, ...(config.operations ? { only: config.operations } : {}) };
  const planned = planCases(input);
  const cases = planned.map((c) => skipUnderivable(c, target.apiKey));
  // No port for the embedded server: it is ephemeral, and shards or nightly runs must name the same
  // target. Named without the keys: the settings refuse a URL that carries a key, but a key too short
  // to search for (a mock's) inside a word of the host or path passes them, and the target is named
  // in every report, the console and the history store.
  const hide = target.embedded ? (text: string) => text : textScrubber([target.apiKey ?? '', target.otherProjectKey ?? '']);
  const shown = target.embedded ? EMBEDDED_TARGET : hide(displayTarget(target.baseUrl));
  const repeated = target.embedded ? undefined : repeatedPathNote(target.baseUrl, operations.values());
  // The process's own environment, not config.env: it is the one Node's TLS reads.
  const unverified = target.embedded ? undefined : unverifiedTlsNote(target.baseUrl, process.env.NODE_TLS_REJECT_UNAUTHORIZED);
  const urlNote = urlVariables === undefined ? undefined : `${urlVariables}, but the target is read from ${config.targetSetting ?? TARGET_FLAG} or ZAVU_BASE_URL only: this run certifies the embedded reference server`;
  // The user's other project's key, when a case will send it: refused, the run stops here, before
  // its rows fail as the target's fault (the embedded server's own key needs no check).
  let otherKeyNote: string | undefined;
  const read = otherKeyRead(bound, registry, config);
  const readWith = read === undefined ? undefined : keyCheckOperation(cases, operations, read.senderId);
  if (!target.embedded && target.otherProjectKey !== undefined && read !== undefined && readWith !== undefined) {
    try {
      // As the settings' lines name it: "(from .env)", or the GitHub Action's input.
      const keyLabel = otherProjectKeyLabel({ values: config.env, fromDotenv: config.envFromDotenv });
      const pacing = config.ratePerSecond !== undefined ? { ratePerSecond: config.ratePerSecond } : {};
      otherKeyNote = await checkOtherProjectKey({ baseUrl: target.baseUrl, ...(target.apiKey !== undefined ? { apiKey: target.apiKey } : {}), shown, otherProjectKey: target.otherProjectKey, keyLabel, read, operation: readWith, timeoutMs: config.timeoutMs, pacing, ...(signal !== undefined ? { signal } : {}) });
    } catch (error) {
      await target.close();
      throw error;
    }
  }
  return {
    baseUrl: target.baseUrl,
    ...(target.apiKey !== undefined ? { apiKey: target.apiKey } : {}),
    ...(target.otherProjectKey !== undefined ? { otherProjectKey: target.otherProjectKey } : {}),
    cases,
    fixtures: configuredValues(bound, registry),
    exampleFixtures: representativeValues(bound, registry),
    hiddenFixtures: hiddenValues(bound, registry),
    writableHiddenFixtures: hiddenValues(bound, registry, { embedded: disposable }),
    // The user's own: an answer that does not know one names its variable (the embedded server's are seeded, no one set them).
    // Their roles too, for a recording: its replay names the variables this run names (log._zavu.fixtures).
    ...(target.embedded ? {} : { fixtureVariables: fixtureVariables(bound, registry), fixtureRoles: configuredRoles(bound, registry) }),
    ...(unverified === undefined ? {} : { tlsUnverified: true }),
    // Every write this run plans may go out: the flag's, or the embedded server's (disposable); a mock's needs the flag.
    // The rule the lock's night and a stop's record read before this (live-writes.ts): one kind for the night.
    writes: liveWrites(config),
    targetLabel: shown,
    banner: target.embedded ? `the ${shown}` : shown,
    // Each bears on reading the verdict, so each reaches the report too (runInfo.notes): a base URL
    // that repeats the paths fails every case for the URL's sake; the others say which cases were
    // judged by less than their row asks (status alone, no read as the owner sees it).
    notes: [...(unverified === undefined ? [] : [hide(unverified)]), ...(repeated === undefined ? [] : [hide(repeated)]), ...(otherKeyNote === undefined ? [] : [otherKeyNote]), ...(urlNote === undefined ? [] : [urlNote]), ...uncomparedRefusals(input, cases), ...unreadByOwner(input, cases)],
    close: () => target.close(),
  };
}

/**
 * What the other project's key is checked with: that project's own sender when it is set (its
 * owner reads it), else the id that names no sender (any key the target takes is answered 404 there).
 * The sender's variable is named as the settings' lines name it: "(from .env)" when the file gave it.
 */
function otherKeyRead(bound: ReturnType<typeof bindFixtures>, registry: Registry, config: Pick<RunConfig, 'env' | 'envFromDotenv'>): KeyCheckRead | undefined {
  const own = bound.get('otherProject');
  if (own !== undefined && 'values' in own && own.values[0] !== undefined) {
    const env = registry.roles.get('otherProject')?.role.env;
    if (env === undefined) return { senderId: own.values[0], named: 'the other project\'s sender', own: true };
    // Inside the GitHub Action, the input that set it (sender-other-project).
    const variable = settingName(env, { values: config.env });
    return { senderId: own.values[0], named: config.envFromDotenv?.has(env) === true ? `${env} (from .env)` : variable, own: true, variable };
  }
  const unknown = bound.get('unknown');
  if (unknown !== undefined && 'values' in unknown && unknown.values[0] !== undefined) return { senderId: unknown.values[0], named: 'an id that names no sender', own: false };
  return undefined;
}
