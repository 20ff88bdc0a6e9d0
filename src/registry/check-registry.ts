/**
 * The registry checked against itself and the spec, before any request: every family, rule,
 * role, step operation, documented example and prediction model a scenario names must exist, and
 * every path parameter of every step must be bound. Each problem is exit 2 naming the file and
 * the JSON pointer ("a path parameter with no binding is exit 2 at load, not 22 errored cases").
 */
import { dirname, join, relative } from 'node:path';
import type { BodyAssertion, Expectation, OperationContract, Scenario } from '../model';
import { predictionModel, predictionModels } from '../model-based/prediction-models';
import type { OperationScenarios, Registry } from './load-registry';
import { DataProblems, dataError } from './data-problems';
import { decodeUnreserved } from '../text/uri-path';
import { isSafeMethod } from '../model/operation';
import { OTHER_PROJECT_KEY_ENV } from '../model/http';
import { OWNER_KEY } from './plan-cases';
import { sourceRoles } from './bind-fixtures';
import { findDocumentedResponse } from '../openapi/find-documented-response';
import { parsePointer } from '../openapi/json-pointer';
import { pointerDocumented } from './documented-pointer';

/** families.json or rules.json of the operations folder a scenarios file is in, as the user would type it. */
function besideOperations(scenariosFile: string, name: string): string {
  const file = join(dirname(dirname(scenariosFile)), name);
  const rel = relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}

function documentedExampleNames(operation: OperationContract): Set<string> {
  return new Set(operation.responses.flatMap((r) => r.examples.flatMap((e) => (e.name === undefined ? [] : [e.name]))));
}

/** The component schemas converted to JSON Schema (load-contract.ts), by name. */
type Schemas = Readonly<Record<string, object>>;

/** The pointers of an assertion that must name a documented place, by where they sit in it: an absence (present: false) may name an undeclared one, a leak ruled out. */
function assertionPointers(assertion: BodyAssertion): [string, string][] {
  return [
    ...(assertion.present === false ? [] : [['pointer', assertion.pointer] as [string, string]]),
    ...(assertion.when === undefined ? [] : [['when/pointer', assertion.when.pointer] as [string, string]]),
    ...(assertion.notBefore === undefined ? [] : [['notBefore', assertion.notBefore] as [string, string]]),
    ...(assertion.notAfter === undefined ? [] : [['notAfter', assertion.notAfter] as [string, string]]),
  ];
}

/**
 * The first pointer of `assertions` the body they are judged on does not document (the status a
 * rule names, else the step's own; a status a model binds is known only when the run sees it), in
 * words: a typo there would fail every conformant answer and blame the target for it.
 */
function undocumentedPointer(assertions: readonly BodyAssertion[], status: number | undefined, operation: OperationContract, schemas: Schemas): { index: number; place: string; pointer: string; words: string } | undefined {
  const schemaName = status === undefined ? undefined : findDocumentedResponse(operation, status)?.schemaName;
  if (schemaName === undefined) return undefined;
  for (const [index, assertion] of assertions.entries()) {
    for (const [place, pointer] of assertionPointers(assertion)) {
      let tokens: string[];
      try {
        tokens = parsePointer(pointer);
      } catch {
        continue; // The data's schema refuses a pointer that is none.
      }
      // Only a value required at the assertion's own pointer fails when never there; a condition's, an
      // ifPresent one's, or the instant notBefore/notAfter compares with, never there leaves it unjudged.
      const fails = place === 'pointer' && assertion.ifPresent !== true;
      const outcome = fails ? 'a conformant answer would fail it' : 'the assertion would never be judged';
      if (!pointerDocumented(schemaName, tokens, schemas)) return { index, place, pointer, words: `names nothing the ${status} body of ${operation.operationId} documents (${schemaName}): ${outcome}` };
    }
  }
  return undefined;
}

function checkExpectation(expect: Expectation, at: string, file: string, registry: Registry, operation: OperationContract, earlierSteps: readonly string[], schemas: Schemas | undefined): void {
  // The status the step's answer is judged at, unless a model binds it (answers-as-unknown): then only the run knows it.
  const stated = expect.predict !== undefined && predictionModel(expect.predict.model)?.statusBinds === true ? undefined : expect.status;
  expect.rules?.forEach((rule, index) => {
    const declared = registry.rules.find((r) => r.id === rule);
    if (declared === undefined) throw dataError(file, `${at}/rules/${index}`, `names rule "${rule}", which ${besideOperations(file, 'rules.json')} does not declare`);
    const undocumented = schemas === undefined ? undefined : undocumentedPointer(declared.assert, declared.whenStatus ?? stated, operation, schemas);
    if (undocumented !== undefined) {
      const where = `${besideOperations(file, 'rules.json')}: /rules/${registry.rules.indexOf(declared)}/assert/${undocumented.index}/${undocumented.place}`;
      throw dataError(file, `${at}/rules/${index}`, `names rule "${rule}", whose ${undocumented.pointer} (${where}) ${undocumented.words}`);
    }
  });
  const inline = schemas === undefined ? undefined : undocumentedPointer(expect.assert ?? [], stated, operation, schemas);
  if (inline !== undefined) throw dataError(file, `${at}/assert/${inline.index}/${inline.place}`, `${inline.pointer} ${inline.words}`);
  const names = documentedExampleNames(operation);
  expect.examples?.forEach((name, index) => {
    if (!names.has(name)) throw dataError(file, `${at}/examples/${index}`, `names example "${name}", which ${operation.operationId} does not document (it has: ${[...names].join(', ') || 'none'})`);
  });
  const predict = expect.predict;
  if (predict === undefined) return;
  const model = predictionModel(predict.model);
  if (model === undefined) throw dataError(file, `${at}/predict/model`, `names model "${predict.model}", which the suite does not have (it has: ${Object.keys(predictionModels).join(', ')})`);
  if (predict.from === undefined || !earlierSteps.includes(predict.from)) {
    throw dataError(file, `${at}/predict/from`, `must name an earlier step of the sequence (${earlierSteps.join(', ') || 'there is none'})`);
  }
  if (!model.parts.includes(predict.part ?? '')) throw dataError(file, `${at}/predict/part`, `must be one of ${model.parts.join(', ')}`);
}

/** A step sent with its operation's own method (HEAD of a GET is that read) expects only statuses the spec documents for it. */
function checkDocumentedStatuses(expect: Expectation, at: string, file: string, operation: OperationContract): void {
  const listed: [string, number | undefined][] = [['status', expect.status], ...(expect.alsoAccept ?? []).map((status, index): [string, number] => [`alsoAccept/${index}`, status])];
  for (const [pointer, status] of listed) {
    // Its code, its range ("4XX") or "default", as the response checks find it: a row expecting
    // another would be sent and fail a target that answers as documented (a copied row's 400 on a
    // read that has none), so a data error instead.
    if (status !== undefined && findDocumentedResponse(operation, status) === undefined) {
      throw dataError(file, `${at}/${pointer}`, `expects ${status}, which ${operation.operationId} does not document (it has: ${operation.responses.map((r) => r.status).join(', ')})`);
    }
  }
}

/**
 * A status by role names, once each, every role the row's sender may be bound to (the sources of
 * its path's firstOf role), on the row's own path, and each is a status the row accepts as
 * written: a run that does not know the role (a replay of an older recording) judges by those,
 * so it must accept whatever the role's own status is.
 */
function checkStatusByRole(expect: Expectation, at: string, file: string, registry: Registry, path: Record<string, string>, own: Record<string, string> | undefined): void {
  const chosen = Object.entries(path).filter(([, role]) => registry.roles.get(role)?.role.firstOf !== undefined);
  const [bound] = chosen;
  if (own !== undefined || bound === undefined || chosen.length > 1 || expect.predict !== undefined) {
    throw dataError(file, at, 'only a step on the scenario\'s own path, with one path role that takes the first configured of several (any) and no predict, may state a status by role');
  }
  const sources = sourceRoles(registry, bound[1]);
  const byRole = expect.statusByRole ?? {};
  const unknown = Object.keys(byRole).find((role) => !sources.includes(role));
  if (unknown !== undefined) throw dataError(file, `${at}/${unknown}`, `role "${unknown}" is not one {${bound[0]}}'s role ${bound[1]} may be bound to (${sources.join(', ')})`);
  const missing = sources.filter((role) => !Object.hasOwn(byRole, role));
  if (missing.length > 0) throw dataError(file, at, `names no status for ${missing.join(', ')}: every role {${bound[0]}}'s role ${bound[1]} may be bound to needs one (${sources.join(', ')})`);
  const accepted = [expect.status, ...(expect.alsoAccept ?? [])];
  const outside = Object.entries(byRole).find(([, status]) => !accepted.includes(status));
  if (outside !== undefined) throw dataError(file, `${at}/${outside[0]}`, `${outside[1]} is not among status and alsoAccept (${accepted.join(', ')}), which a run that does not know the role judges by`);
}

/**
 * What a row's line says after "which the spec does not have" of an operation it names: the spec's
 * guess at the name meant, when the spec was read for its ids (checked-contract.ts), else nothing.
 */
export type UnknownOperationHint = (operationId: string) => string;

function checkScenario(scenario: Scenario, at: string, owner: OperationScenarios, registry: Registry, operations: ReadonlyMap<string, OperationContract>, unknownOperation: UnknownOperationHint | undefined, schemas: Schemas | undefined): void {
  const file = owner.file;
  if (!registry.families.some((f) => f.id === scenario.family)) throw dataError(file, `${at}/family`, `names family "${scenario.family}", which ${besideOperations(file, 'families.json')} does not declare`);
  const checkPath = (path: Record<string, string>, pathAt: string): void => {
    for (const [parameter, roleName] of Object.entries(path)) {
      const declared = registry.roles.get(roleName);
      if (declared === undefined) throw dataError(file, `${pathAt}/${parameter}`, `names role "${roleName}", which no fixture file declares (${[...registry.roles.keys()].join(', ')})`);
      if (declared.fixture.parameter !== parameter) throw dataError(file, `${pathAt}/${parameter}`, `role "${roleName}" binds {${declared.fixture.parameter}} (${declared.fixture.file}), not {${parameter}}`);
    }
  };
  checkPath(scenario.path ?? {}, `${at}/path`);
  const steps = scenario.steps ?? [{ id: 'request', auth: scenario.auth ?? 'valid', expect: scenario.expect ?? {} }];
  const seen: string[] = [];
  steps.forEach((step, index) => {
    const stepAt = scenario.steps === undefined ? at : `${at}/steps/${index}`;
    if (seen.includes(step.id)) throw dataError(file, `${stepAt}/id`, `duplicate step id "${step.id}"`);
    const operationId = step.operation ?? owner.operationId;
    const operation = operations.get(operationId);
    if (operation === undefined) throw dataError(file, `${stepAt}/operation`, `names operation "${operationId}", which the spec does not have${unknownOperation?.(operationId) ?? ''}`);
    // The other project's own key goes only in a sequence's steps: a row's one request would go out
    // with an empty token where the key is not set (the planner leaves out only a sequence's steps
    // that need it). It reads that project's sender as its owner does, and writes only where the
    // run's own writes may go (the key's writable sender, an id that names no sender), to show a
    // start it sends there changes nothing: a write with it to any other sender (that project's
    // own above all) is that project's own start, which no consent of the run covers.
    const method = ('method' in step ? step.method : undefined) ?? operation.method;
    const own = 'path' in step ? step.path : undefined;
    if (step.auth === OWNER_KEY && scenario.steps === undefined) {
      throw dataError(file, `${stepAt}/auth`, `${OWNER_KEY} goes only in a step of a sequence (the planner leaves such a step out where ${OTHER_PROJECT_KEY_ENV} is not set), and this is a row of one request`);
    }
    // A write's path asked with HEAD or GET is a write case too: a route answering every method with
    // the start's handler starts that project's sync for it, as for its POST.
    if (step.auth === OWNER_KEY && (operation.writes || !isSafeMethod(method))) {
      const elsewhere = Object.values({ ...scenario.path, ...own }).filter((role) => registry.roles.get(role)?.role.writable !== true && registry.roles.get(role)?.role.generated === undefined);
      if (elsewhere.length > 0) {
        throw dataError(file, `${stepAt}/auth`, `${OWNER_KEY} writes only to the run's own writable sender or to an id that names no sender (a write with it elsewhere is that project's own start, which no consent of the run covers), and this is a ${method} to ${elsewhere.join(', ')}`);
      }
    }
    if (own !== undefined) {
      checkPath(own, `${stepAt}/path`);
      // The write-safety rules judge the scenario's own fixture: a witness is read, or written only
      // when its id names no sender (the generated unknown id, whose answer another is compared with).
      const named = Object.values(own).filter((role) => registry.roles.get(role)?.role.generated === undefined);
      if (operation.writes && named.length > 0) throw dataError(file, `${stepAt}/path`, `a step with a path of its own only reads, or writes to an id that names no sender, and ${operationId} writes to ${named.join(', ')}: a write goes to the scenario's own fixture`);
    }
    for (const parameter of operation.pathParameters) {
      if (own?.[parameter] === undefined && scenario.path?.[parameter] === undefined && scenario.fuzz !== parameter) {
        throw dataError(file, at, `path parameter {${parameter}} of ${operationId} is not bound (add "path": {"${parameter}": "<role>"} or "fuzz": "${parameter}")`);
      }
    }
    if (scenario.fuzz !== undefined && !operation.pathParameters.includes(scenario.fuzz)) throw dataError(file, `${at}/fuzz`, `${operationId} has no path parameter {${scenario.fuzz}}`);
    if ('pathTemplate' in step && step.pathTemplate !== undefined) checkWrittenPath(step.pathTemplate, operation, `${stepAt}/pathTemplate`, file);
    // HEAD is a GET without its body: on a GET's step it is that read, sent as HEAD. On a write's
    // step, as GET, it asks the write's path with a method it does not document, which must be
    // refused and change nothing (a route answering every method with the start's handler starts
    // a sync for a HEAD). GET of a GET would be the operation itself.
    if ('method' in step && step.method === 'GET' && operation.method === 'GET') throw dataError(file, `${stepAt}/method`, `GET is ${operationId}'s own method: leave method out`);
    // A method the path does not document (a GET or OPTIONS on a start) is judged by HTTP's rules, not
    // the operation's statuses, and its answer's body (a router's 405) is not one the operation documents.
    const documentedMethod = method === operation.method || (method === 'HEAD' && operation.method === 'GET');
    checkExpectation(step.expect, `${stepAt}/expect`, file, registry, operation, seen, documentedMethod ? schemas : undefined);
    if (documentedMethod) checkDocumentedStatuses(step.expect, `${stepAt}/expect`, file, operation);
    if (step.expect.statusByRole !== undefined) checkStatusByRole(step.expect, `${stepAt}/expect/statusByRole`, file, registry, scenario.path ?? {}, own);
    // Copies sent at once judge a race between writes: a start's own request, with valid
    // credentials (the set is judged by what the read before predicts, and a refusal any copy
    // earns alike shows no race), predicted by start-sync so its "exactly one 202" has a basis.
    if ('concurrent' in step && step.concurrent !== undefined) {
      const why = !operation.writes || 'method' in step || 'pathTemplate' in step || 'query' in step || 'path' in step ? `only a write operation's own request may be sent at once, and this is ${method} ${('pathTemplate' in step ? step.pathTemplate : undefined) ?? operation.pathTemplate}${'path' in step || 'query' in step ? ' written otherwise' : ''}` : step.auth !== 'valid' ? `copies sent at once carry valid credentials (a refusal every copy earns alike shows no race), and this one's auth is ${step.auth}` : step.expect.predict?.model !== 'start-sync' ? 'copies sent at once are predicted by start-sync (whether one of them must be accepted), and this step is not' : undefined;
      if (why !== undefined) throw dataError(file, `${stepAt}/concurrent`, why);
    }
    // A witness of a role with several fixtures is planned once per fixture (read-other-before[snd_a]…):
    // only a witness step of the same role knows which of them it is predicted from.
    const from = steps.find((other) => other.id === step.expect.predict?.from);
    const fromPath = from !== undefined && 'path' in from ? from.path : undefined;
    if (fromPath !== undefined && Object.values(fromPath).some((role) => registry.roles.get(role)?.role.many === true) && JSON.stringify(own) !== JSON.stringify(fromPath)) {
      throw dataError(file, `${stepAt}/expect/predict/from`, `names ${from?.id ?? ''}, a witness step sent to each fixture of its role: only a witness step with the same path may be predicted from it`);
    }
    seen.push(step.id);
  });
  if (scenario.fuzz !== undefined && scenario.steps !== undefined) throw dataError(file, `${at}/fuzz`, 'a fuzzed scenario is one request, not a sequence');
}

/** The names of a path template's parameters, in order. */
const parametersOf = (template: string): string[] => [...template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1] ?? '');

/** The path without "." segments, as RFC 3986 §5.2.4 resolves them ("/a/./b" → "/a/b"); ".." is not written here. */
const withoutDotSegments = (path: string): string => path.replace(/\/\.(?=\/|$)/g, '');

/**
 * A path written otherwise must be the operation's: the same URI (unreserved characters
 * percent-encoded, RFC 3986 §6.2.2.2; a "." segment, §6.2.2.3), or one many servers serve as it (a
 * trailing slash or ".", a doubled slash inside it, a ";name" path parameter on the last segment, its fixed
 * segments in other capitals), with the same parameters.
 */
function checkWrittenPath(written: string, operation: OperationContract, at: string, file: string): void {
  const template = operation.pathTemplate;
  // A doubled slash inside the path (never leading: "//v1" would read as an authority) names another
  // URI too, but routers that drop empty segments (Spring's AntPathMatcher, nginx merge_slashes) serve it as the path.
  const normal = withoutDotSegments(decodeUnreserved(written)).replace(/(?<!^)\/{2,}/g, '/');
  // A trailing slash names another URI, but one many routers serve as the path without it; so does
  // a path parameter on the last segment (";x", RFC 3986 §3.3), which servlet containers strip, and
  // the fixed segments in other capitals, which case-insensitive routers (Express's default) match.
  // So does a "." after the last segment, which IIS drops and Spring MVC's suffix pattern match reads as "whatsapp-sync.*".
  const respelled = (normal === template || normal === `${template}/` || normal === `${template}.` || /^;[A-Za-z0-9_-]+$/.test(normal.slice(template.length))) && normal.startsWith(template);
  const capitalised = normal !== template && normal.toLowerCase() === template.toLowerCase();
  const same = (respelled || capitalised) && written !== template && parametersOf(written).join('/') === parametersOf(template).join('/');
  if (!same) throw dataError(file, at, `must be ${template} written otherwise (unreserved characters percent-encoded, RFC 3986 §6.2.2.2; "." segments, §6.2.2.3; a trailing slash or "."; a doubled slash inside it; a path parameter ";name" on the last segment; or its fixed segments in other capitals), the same URI with the same parameters`);
}

/**
 * Each row's first problem, every row checked: into `problems` when given (a load that found others
 * says them all at once), else thrown. `unknownOperation`: the words a row naming an operation the
 * spec lacks adds to its line (and how its caller learns which ids a row said). `schemas`: the
 * contract's component schemas; given, every pointer of an assertion (a named rule's, a row's own)
 * must name a place the body of the status it is judged at documents.
 *
 * @throws DataError (exit 2) with every row's first problem, naming file and pointer, when `problems` is not given
 */
export function checkRegistry(registry: Registry, operations: ReadonlyMap<string, OperationContract>, problems?: DataProblems, unknownOperation?: UnknownOperationHint, schemas?: Schemas): void {
  const found = problems ?? new DataProblems();
  for (const owner of registry.operations) {
    owner.scenarios.forEach((scenario, index) => found.attempt(() => checkScenario(scenario, `/scenarios/${index}`, owner, registry, operations, unknownOperation, schemas)));
  }
  if (problems === undefined) found.throwIfAny();
}
