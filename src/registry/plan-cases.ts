/**
 * Binds the registry's scenarios to this run's fixtures: one case per scenario (or per fixture
 * when a role has several), ids "operationId/scenarioId[fixture]". A case that cannot run is
 * planned as skipped with its reason: a fixture not configured, or a write the run may not send.
 *
 * Writes are a property of the operation (any method but GET/HEAD). Against the embedded server
 * (or a mock declared with --mock-target) every case runs. Against a live target a write runs only with --allow-writes, and then only to
 * a writable role's fixture (ZAVU_SENDER_SYNCABLE), or to a role writable only with its own consent
 * variable once that is set (ZAVU_SENDER_OTHER_PROJECT_WRITABLE); a fuzzed write, and a write to the
 * generated unknown id (fresh and random, so authentication before lookup is checked on the writes
 * too), send ids that name nothing, and only in a run given a writable fixture (without one, every
 * write case is skipped).
 */
import type { OperationContract, PlannedCase, PlannedStep, Scenario, ScenarioStep } from '../model';
import { NO_WRITES_REASON } from '../model/result';
import { OTHER_PROJECT_KEY_ENV } from '../model/http';
import { isSafeMethod } from '../model/operation';
import type { RoleValues } from './bind-fixtures';
import { compareCodeUnits, plural, withArticle } from '../text/plain-text';
import type { Registry } from './load-registry';

export interface PlanInput {
  registry: Registry;
  operations: ReadonlyMap<string, OperationContract>;
  bound: ReadonlyMap<string, RoleValues>;
  /**
   * A target whose state is the run's to change, so every write is allowed: the embedded reference
   * server (a fresh store), or a mock declared with --mock-target (and --allow-writes).
   */
  embedded: boolean;
  allowWrites: boolean;
  /**
   * The other project's own key is there to send (ZAVU_OTHER_PROJECT_API_KEY, or the embedded
   * server's): without it, the steps that read that project's sender with it are left out.
   */
  otherProjectKey?: boolean;
  /** Only these operations' scenarios (--operation); all when undefined. */
  only?: readonly string[];
}

interface Binding {
  params: Record<string, string>;
  /** "[value]" when a role with several values was expanded. */
  suffix: string;
  /** Every bound value is a writable role's value (the sender named by ZAVU_SENDER_SYNCABLE). */
  writable: boolean;
  /** A bound role writable only with consent that was not given: its variable and its own (e.g. ZAVU_SENDER_OTHER_PROJECT_WRITABLE). */
  consent?: { variable: string; role: string };
  /** Every bound value is a fresh random id no one configured (the unknown sender's), so it names no sender. */
  namesNothing: boolean;
  /** A generated role's variable that is set instead (ZAVU_SENDER_UNKNOWN): someone's choice, not known to name nothing. */
  chosen?: string;
  /** Parameter → the role a firstOf role's value came from (PlannedCase.boundAs). */
  boundAs: Record<string, string>;
  /**
   * A bound value that is the concurrent starts' own sender (setApartValues), bound through another
   * role (a coexistence list that names it): its variable, and the variable of the role it was bound as.
   */
  theirs?: { variable: string; listedIn: string; resource: string };
}

/** The values writes may go to, by value, not by role: a case bound to another role whose value is the writable sender may write to it. */
function writableValuesOf(bound: ReadonlyMap<string, RoleValues>): Set<string> {
  return new Set([...bound.values()].flatMap((v) => ('values' in v && v.writable ? v.values : [])));
}

/**
 * The values of a writable role after the first (ZAVU_SENDER_SYNCABLE_CONCURRENT, the concurrent
 * starts' own sender) that the first (ZAVU_SENDER_SYNCABLE) does not hold, each with its role: such
 * a sender is its role's cases' alone to write to, so they meet parts no earlier start of the run has
 * started (the README's promise); another role that lists it (ZAVU_SENDER_COEXISTENCE) only reads it.
 * Set to the write fixture itself it is not set apart, and is written as that one is.
 */
function setApartValues(bound: ReadonlyMap<string, RoleValues>, registry: Registry): Map<string, string> {
  const [first, ...later] = [...registry.roles.values()].filter((r) => r.role.writable);
  const firstBound = first === undefined ? undefined : bound.get(first.name);
  const fixture = new Set(firstBound !== undefined && 'values' in firstBound ? firstBound.values : []);
  const apart = new Map<string, string>();
  for (const { name } of later) {
    const values = bound.get(name);
    if (values !== undefined && 'values' in values) for (const value of values.values) if (!fixture.has(value) && !apart.has(value)) apart.set(value, name);
  }
  return apart;
}

/**
 * Whether `value` of these role values is a fresh random id no one configured, so that it names no
 * sender: not when it contains a configured value, which a sloppy lookup could reach.
 */
function namesNothing(value: string, values: { generated?: true }, bound: ReadonlyMap<string, RoleValues>): boolean {
  const configured = [...bound.values()].flatMap((v) => ('values' in v && v.generated !== true ? v.values : []));
  return values.generated === true && !configured.some((c) => value.toLowerCase().includes(c.toLowerCase()));
}

/** The cartesian product of the scenario's path bindings, or why one of them is missing. */
function bindings(scenario: Scenario, bound: ReadonlyMap<string, RoleValues>, registry: Registry, apart: ReadonlyMap<string, string>): Binding[] | string {
  const writableValues = writableValuesOf(bound);
  // No path binding names no fixture, so it is not the writable one either.
  const some = Object.keys(scenario.path ?? {}).length > 0;
  let result: Binding[] = [{ params: {}, suffix: '', writable: some, namesNothing: some, boundAs: {} }];
  for (const [parameter, role] of Object.entries(scenario.path ?? {})) {
    const values = bound.get(role);
    if (values === undefined || 'missing' in values) return values?.missing ?? `role ${role} is not bound`;
    const declared = registry.roles.get(role)?.role;
    const many = declared?.many === true;
    const when = declared?.writableWhen;
    result = result.flatMap((b) =>
      values.values.map((value): Binding => {
        const writable = b.writable && writableValues.has(value);
        const consent = b.consent ?? (when !== undefined && !writableValues.has(value) ? { variable: when, role: declared?.env ?? role } : undefined);
        const chosen = b.chosen ?? (declared?.generated !== undefined && values.generated !== true ? declared.env : undefined);
        const boundAs = values.from === undefined ? b.boundAs : { ...b.boundAs, [parameter]: values.from };
        // Bound as the set-apart role itself (or a firstOf role whose value came from it: concurrentStarts) it is the case's own.
        const owner = apart.get(value);
        const theirs = b.theirs ?? (owner !== undefined && owner !== role && owner !== values.from ? { variable: registry.roles.get(owner)?.role.env ?? owner, listedIn: declared?.env ?? role, resource: registry.roles.get(owner)?.fixture.resource ?? 'resource' } : undefined);
        return { params: { ...b.params, [parameter]: value }, suffix: many ? `${b.suffix}[${value}]` : b.suffix, writable, namesNothing: b.namesNothing && namesNothing(value, values, bound), boundAs, ...(consent ? { consent } : {}), ...(chosen ? { chosen } : {}), ...(theirs ? { theirs } : {}) };
      }),
    );
  }
  return result;
}

/**
 * Path values of the witness reads, by planned step id: a scenario step that reads a role with
 * several values is planned once per value ("read-other-before[snd_a]", "read-other-before[snd_b]"),
 * as a case is, and sent in the order of those ids; a step of a role with one value keeps its own id.
 */
export type StepParams = Readonly<Record<string, Record<string, string>>>;

/** The scenario step a planned step is an instance of: "read-other-before[snd_a]" of "read-other-before". */
export function scenarioStepOf(plannedStepId: string): string {
  // "start@2": a copy of a concurrent step (model/exchange-id.ts concurrentCopyId) is an instance of it too.
  const end = plannedStepId.search(/[[@]/);
  return end === -1 ? plannedStepId : plannedStepId.slice(0, end);
}

/**
 * A scenario's steps (a single-request row is one step, "request"); every step is sent with the
 * case's path values, each witness read with its own over them. A witness read predicted from
 * another witness read is predicted from that read of the same sender.
 */
function stepsOf(scenario: Scenario, operationId: string, stepParams: StepParams, ownerReads: boolean): PlannedStep[] {
  if (scenario.steps === undefined) return [{ id: 'request', operationId, auth: scenario.auth ?? 'valid', expect: scenario.expect ?? {} }];
  const planned = Object.entries(stepParams);
  return scenario.steps.flatMap((step): PlannedStep[] => {
    if (step.auth === OWNER_KEY && !ownerReads) return [];
    const written = { ...(step.query !== undefined ? { query: step.query } : {}), ...(step.pathTemplate !== undefined ? { pathTemplate: step.pathTemplate } : {}), ...(step.method !== undefined ? { method: step.method } : {}), ...(step.concurrent !== undefined ? { concurrent: step.concurrent } : {}) };
    const base = { id: step.id, operationId: step.operation ?? operationId, auth: step.auth, expect: step.expect, ...written };
    if (step.path === undefined) return [base];
    // By id: the same order live and in a replay, whose recordings list exchanges by id.
    return planned
      .filter(([id]) => scenarioStepOf(id) === step.id)
      .sort(([a], [b]) => compareCodeUnits(a, b))
      .map(([id, params]) => {
        const predict = step.expect.predict;
        const sameSender = predict?.from === undefined ? undefined : `${predict.from}${id.slice(step.id.length)}`;
        const expect = predict !== undefined && sameSender !== undefined && stepParams[sameSender] !== undefined ? { ...step.expect, predict: { ...predict, from: sameSender } } : step.expect;
        return { ...base, id, expect, params };
      });
  });
}

/**
 * The witness steps of a case bound to `params`: each step with a path of its own is sent to every
 * value of its role that no write goes to and that the case itself is not bound to (a start changes
 * its own sender; the witnesses show it changed no other, whichever of theirs was still startable).
 * A witness that writes (a start to the unknown id, whose answer another is compared with) goes,
 * against a live target, only to a fresh id that names no sender, and only in a run given the
 * fixture meant for writes, as the unknown-sender case does.
 * A witness step that names a writable role itself (the concurrent starts' own sender,
 * ZAVU_SENDER_SYNCABLE_CONCURRENT) reads that written sender on purpose, in every case not bound to
 * it: sound because every case that writes to it (its concurrent starts alone: a coexistence start
 * bound to it, when ZAVU_SENDER_COEXISTENCE names it, is skipped, setApartValues) is a write case, and a write case never runs beside
 * another case (never a concurrent test: runner/suite-engine; the suite's test runner runs it alone
 * between batches of reads), so no start falls between a witness's two reads but the witnessing
 * case's own; a part an earlier case left in flight there is judged as any witness in flight is (it
 * may move on, its request time stays). A step of any other role passes the written senders over,
 * as it did (a coexistence list that names the sandbox sender).
 * A step whose role has no such value (not configured, set to the case's own sender, or only the
 * written sender) is left out, both reads of it: the rest of the case still runs, as it did before
 * it had witnesses. `undefined` when no witness step is left.
 */
function witnessParams(scenario: Scenario, operationId: string, params: Record<string, string>, input: PlanInput): StepParams | undefined {
  const { bound, registry } = input;
  const written = writableValuesOf(bound);
  const taken = new Set(Object.values(params));
  const result: Record<string, Record<string, string>> = {};
  steps: for (const step of scenario.steps ?? []) {
    if (step.path === undefined) continue;
    const writes = stepWrites(step, input.operations.get(step.operation ?? operationId));
    const mayWrite = input.embedded || writeFixtureSet(input);
    let instances: { suffix: string; params: Record<string, string> }[] = [{ suffix: '', params: {} }];
    for (const [parameter, role] of Object.entries(step.path)) {
      const values = bound.get(role);
      const readsWritten = !writes && registry.roles.get(role)?.role.writable === true;
      const witnesses = values === undefined || 'missing' in values ? [] : values.values.filter((value) => (readsWritten || !written.has(value)) && !taken.has(value) && (!writes || input.embedded || (mayWrite && namesNothing(value, values, bound))));
      if (witnesses.length === 0) continue steps;
      const many = registry.roles.get(role)?.role.many === true;
      instances = instances.flatMap((i) => witnesses.map((value) => ({ suffix: many ? `${i.suffix}[${value}]` : i.suffix, params: { ...i.params, [parameter]: value } })));
    }
    for (const instance of instances) result[`${step.id}${instance.suffix}`] = instance.params;
  }
  return Object.keys(result).length === 0 ? undefined : result;
}

/**
 * Whether a step may change the target, and so goes to a live target only with --allow-writes:
 * a write operation's, or any request of a method other than GET and HEAD (an OPTIONS on a read's
 * path: safe by RFC 9110, but a server that lets every OPTIONS through may serve it as anything).
 */
function stepWrites(step: { method?: string }, operation: Pick<OperationContract, 'writes'> | undefined): boolean {
  return operation?.writes === true || (step.method !== undefined && !isSafeMethod(step.method));
}

/** One case of a scenario bound to these path values: its steps, and whether any of them writes. Shared with replay planning. */
export function planCase(
  id: string,
  operationId: string,
  scenario: Scenario,
  params: Record<string, string>,
  operations: ReadonlyMap<string, OperationContract>,
  skipReason?: string,
  stepParams: StepParams = {},
  ownerReads = false,
): PlannedCase {
  // Witness reads without a witness (see witnessParams) are left out: both of them, the read after
  // being a witness read too. So are the reads with the other project's key, without that key.
  const kept = stepsOf(scenario, operationId, stepParams, ownerReads);
  // A step predicted from a read left out keeps what it states itself (no-credentials bound to the
  // unknown id has no other unknown id to be compared with); one that states nothing stays as it is.
  const ids = new Set(kept.map((step) => step.id));
  const steps = kept.map((step): PlannedStep => {
    const from = step.expect.predict?.from;
    if (from === undefined || ids.has(from) || step.expect.status === undefined) return step;
    const { predict: _left, ...stated } = step.expect;
    return { ...step, expect: stated };
  });
  // A case whose starts go with the other project's key writes when it runs even where that key is
  // not set (those steps left out above, the case skipped for it): without --allow-writes, "writes
  // not allowed" is its first reason, as any write case's.
  const writes = (ownerReads ? steps : stepsOf(scenario, operationId, stepParams, true)).some((s) => stepWrites(s, operations.get(s.operationId)));
  const reason = skipReason ?? ownerKeyOnly(scenario, operations.get(operationId), ownerReads);
  return { id, operationId, scenario, params, steps, writes, ...(reason !== undefined ? { skipReason: reason } : {}) };
}

/**
 * Why a case is skipped without the other project's own key, or undefined: when every request of
 * its own operation to its own sender goes with that key (own-sender-other-project-key, the read's
 * and the starts'), what is left (a read of an unknown id; the key's reads around a start never
 * sent) shows nothing of what it tests, and passed it would certify isolation on a run that sent
 * nothing of it (DESIGN principle 6: a case that cannot run is skipped, never passed).
 */
function ownerKeyOnly(scenario: Scenario, operation: Pick<OperationContract, 'writes'> | undefined, ownerReads: boolean): string | undefined {
  if (ownerReads || scenario.steps === undefined) return undefined;
  // Another operation's steps (the reads around a start) are the case's own witnesses, not what it tests.
  const own = scenario.steps.filter((step) => step.path === undefined && step.operation === undefined);
  if (own.length === 0 || !own.every((step) => step.auth === OWNER_KEY)) return undefined;
  return `${OTHER_PROJECT_KEY_ENV} is not set: nothing to test (this case's every ${operation?.writes === true ? 'start' : 'request'} to its own sender goes with another project's key)`;
}

/**
 * The case as bound to these roles (PlannedCase.boundAs): each step on its own path whose
 * expectation states a status by role expects the bound role's status alone, in place of the
 * statuses any sender could get (a lower-case "bearer" to a coexistence sender is its 200, never
 * the unknown id's 404; to the unknown id its 404, never a 200). A parameter whose role is not
 * known (none given: a replay of a recording made before it was kept) leaves those steps as
 * written, judged by status and alsoAccept, and their still stating statusByRole says so.
 */
export function withBinding(planned: PlannedCase, boundAs: Readonly<Record<string, string>> | undefined): PlannedCase {
  if (boundAs === undefined || Object.keys(boundAs).length === 0) return planned;
  const firstOfParameter = Object.keys(planned.scenario.path ?? {}).find((parameter) => Object.hasOwn(boundAs, parameter));
  const role = firstOfParameter === undefined ? undefined : boundAs[firstOfParameter];
  const steps = planned.steps.map((step): PlannedStep => {
    const byRole = step.expect.statusByRole;
    const status = role === undefined || byRole === undefined || step.params !== undefined || !Object.hasOwn(byRole, role) ? undefined : byRole[role];
    if (status === undefined || firstOfParameter === undefined || role === undefined) return step;
    const { statusByRole: _byRole, alsoAccept: _also, ...rest } = step.expect;
    const because = `${step.expect.because ?? ''}; {${firstOfParameter}} is bound to role ${role} here, whose own answer is ${status}`;
    return { ...step, expect: { ...rest, status, because }, boundStatus: { parameter: firstOfParameter, role } };
  });
  return { ...planned, boundAs: { ...boundAs }, steps };
}

/**
 * Whether the run was given the fixture meant for writes (ZAVU_SENDER_SYNCABLE), not a role
 * writable by consent only, nor the optional second of it (ZAVU_SENDER_SYNCABLE_CONCURRENT, for the
 * concurrent starts alone): given without the first, ids that name nothing are not written to.
 */
function writeFixtureSet(input: PlanInput): boolean {
  const [first] = [...input.registry.roles.values()].filter((r) => r.role.writable);
  const bound = first === undefined ? undefined : input.bound.get(first.name);
  return bound !== undefined && 'values' in bound;
}

/**
 * The skip of a write when the fixtures declare no write fixture at all: a data-only write whose
 * author left out `"writable": true` is told what to declare, not a variable to set ("writes …":
 * still a write-safety skip).
 */
const NO_WRITE_FIXTURE = 'writes go only to a fixture role marked "writable": true, and the fixtures declare none';

/** The variable of the write fixture; undefined when no role is writable. */
function writeFixtureEnv(registry: Registry): string | undefined {
  // The first writable role is the write fixture (ZAVU_SENDER_SYNCABLE); a later one (the concurrent
  // starts' own, ZAVU_SENDER_SYNCABLE_CONCURRENT) is an optional second of it, not an alternative.
  const [first] = [...registry.roles.values()].filter((r) => r.role.writable);
  return first === undefined ? undefined : first.role.env ?? first.name;
}

function safetySkip(writes: boolean, binding: Binding, scenario: Scenario, input: PlanInput): string | undefined {
  if (!writes) return undefined;
  if (!input.embedded && !input.allowWrites) return NO_WRITES_REASON;
  // Not a rule of safety but of what the concurrent starts meet: so on a --mock-target mock too
  // (the embedded server seeds that sender apart from every list). Hence not worded "writes …"
  // (isWriteSafetySkip): a PARTIAL it leaves is the configuration's, which --mock-target does not lift.
  if (binding.theirs !== undefined) {
    // In the data's words (its resource, its roles' variables): the shipped second writable role is the
    // concurrent starts' own, but a data-only write's has neither starts nor parts.
    const { variable, listedIn, resource } = binding.theirs;
    return `set apart: ${variable} (${Object.values(binding.params).join(', ')}) is written to only by the cases bound to it, so they meet ${withArticle(resource)} no earlier write of the run has touched; listed in ${listedIn} too, it is only read there (list another ${resource} there to run this)`;
  }
  if (input.embedded || binding.writable) return undefined;
  if (scenario.fuzz !== undefined || binding.namesNothing) {
    // Its ids (generated per run, like the not-found cases' random id) name no sender, but a run
    // without a write fixture was given no sandbox to write in at all.
    const what = scenario.fuzz !== undefined ? 'ids that name no sender' : 'an id that names no sender';
    if (writeFixtureSet(input)) return undefined;
    const env = writeFixtureEnv(input.registry);
    return env === undefined ? `${NO_WRITE_FIXTURE} (this case would POST ${what})` : `writes go only to ${env}, which is not set (this case would POST ${what})`;
  }
  const values = Object.values(binding.params).join(', ');
  if (binding.chosen !== undefined) return `writes go to an unknown id only when the suite generates it: ${binding.chosen} is set, someone's choice, not known to name no sender (this case would write to ${values})`;
  if (binding.consent !== undefined) return `writes to ${binding.consent.role} (${values}) need ${binding.consent.variable}=1 as well as --allow-writes`;
  const env = writeFixtureEnv(input.registry);
  return `${env === undefined ? NO_WRITE_FIXTURE : `writes go only to ${env}`} (this case would write to ${values})`;
}

/**
 * The console's word on cases that run without the start to an unknown id their refusal is
 * compared with (witnessParams left it out): said once, so a user who set ZAVU_SENDER_UNKNOWN, or
 * gave no sandbox sender, knows those refusals are judged by their status alone. None when every
 * such start is sent.
 */
export function uncomparedRefusals(input: PlanInput, cases: readonly PlannedCase[]): string[] {
  const writesTo = (c: PlannedCase, step: ScenarioStep): boolean => step.path !== undefined && stepWrites(step, input.operations.get(step.operation ?? c.operationId));
  const without = cases.filter((c) => c.skipReason === undefined && (c.scenario.steps ?? []).some((step) => writesTo(c, step) && !c.steps.some((s) => scenarioStepOf(s.id) === step.id)));
  if (without.length === 0) return [];
  const chosen = [...input.registry.roles.values()].find(({ name, role }) => role.generated !== undefined && (input.bound.get(name) as { generated?: true } | undefined)?.generated !== true);
  const env = writeFixtureEnv(input.registry);
  const given = env === undefined ? 'a fixture role marked "writable": true, which the fixtures do not declare' : `${env}, which is not set`;
  const why = chosen !== undefined ? `the suite writes to an unknown id only when it generates one, and ${chosen.role.env ?? chosen.name} is set` : `the suite writes to an unknown id only in a run given ${given}`;
  return [`${plural(without.length, 'case')} run without the start to an unknown id ${without.length === 1 ? 'its' : 'their'} refusal is compared with, so judged by status alone: ${why}`];
}

/** The auth of the steps that read another project's sender as that project does, with its own key. */
export const OWNER_KEY = 'other-project-key';

/**
 * The console's word on cases that run without their reads of another project's sender with that
 * project's own key (no ZAVU_OTHER_PROJECT_API_KEY): said once, so a user knows a start refused
 * 404 there was not shown to have changed nothing. None when every such read is sent. A case whose
 * every request to its own sender needs that key (the read's own-sender-other-project-key) is
 * skipped instead, saying so itself (ownerKeyOnly).
 */
export function unreadByOwner(input: PlanInput, cases: readonly PlannedCase[]): string[] {
  if (input.otherProjectKey === true) return [];
  const without = cases.filter((c) => c.skipReason === undefined && (c.scenario.steps ?? []).some((step) => step.auth === OWNER_KEY));
  if (without.length === 0) return [];
  return [
    `${plural(without.length, 'case')} run without ${without.length === 1 ? 'its' : 'their'} reads of another project's sender with that project's own key, so a start answered 404 there is not shown to have changed nothing: ${OTHER_PROJECT_KEY_ENV} is not set (${without.map((c) => c.id).join(', ')})`,
  ];
}

export function planCases(input: PlanInput): PlannedCase[] {
  const chosen = input.registry.operations.filter((o) => input.only === undefined || input.only.includes(o.operationId));
  // The set-apart senders are the plan's, not a scenario's: found once.
  const apart = setApartValues(input.bound, input.registry);
  return chosen.flatMap(({ operationId, scenarios }) =>
    scenarios.flatMap((scenario): PlannedCase[] => {
      const id = `${operationId}/${scenario.id}`;
      const found = bindings(scenario, input.bound, input.registry, apart);
      if (typeof found === 'string') {
        // A write not allowed is the reason first: a missing fixture would only be the next one (and
        // the console's "partial because the skipped cases write" line rests on it).
        const unbound = planCase(id, operationId, scenario, {}, input.operations, found, {}, input.otherProjectKey === true);
        return [unbound.writes && !input.embedded && !input.allowWrites ? { ...unbound, skipReason: NO_WRITES_REASON } : unbound];
      }
      return found.map((binding): PlannedCase => {
        const planned = withBinding(planCase(`${id}${binding.suffix}`, operationId, scenario, binding.params, input.operations, undefined, witnessParams(scenario, operationId, binding.params, input), input.otherProjectKey === true), binding.boundAs);
        const skipReason = safetySkip(planned.writes, binding, scenario, input);
        return skipReason === undefined ? planned : { ...planned, skipReason };
      });
    }),
  );
}
