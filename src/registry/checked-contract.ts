/**
 * The contract of the operations the data names, with the data checked against it, every problem
 * at once: a load that found data errors checks the clean files' rows against the spec too, so
 * one run says them all (one DataError); a spec that refuses an operationId a step names is that
 * row's line among them, with the spec's guess at the name meant (the spec's own line only when no
 * row says it, last).
 */
import { SpecError } from '../model/errors';
import { didYouMean } from '../text/plain-text';
import { checkRegistry } from './check-registry';
import { DataProblems } from './data-problems';
import { loadContract, type Contract } from './load-contract';
import { referencedOperationIds, type Registry, type RegistryRead } from './load-registry';

/**
 * The rows checked against the operations the spec has, when it refused to give some the data
 * names (a step's misspelt operationId), so a misspelt step is not a run of its own. A row naming
 * an operation the spec lacks says so with the spec's guess at the name meant; the spec's own
 * line is kept only when no row says the id it refused (a folder of an operation it lacks, which
 * is not checked; or another refusal): one line for one mistake, so the count is honest.
 *
 * @returns whether the spec's own line was kept
 */
function checkAgainstKnownOperations(specPath: string, registry: Registry, problems: DataProblems, refused: SpecError): boolean {
  const said = new Set<string>();
  try {
    // Only on this path: the spec's ids (a contract of no operation, cached as any other).
    const ids = loadContract(specPath, []).specOperationIds;
    // Its refusal's own words for an id it lacks; the spec modules are loaded on this cold path only (load-contract.ts).
    const { lackedIdHint } = require('../openapi/operation') as typeof import('../openapi/operation');
    const known = new Set(ids);
    const checked = { ...registry, operations: registry.operations.filter((o) => known.has(o.operationId)) };
    const { operations, schemas } = loadContract(specPath, referencedOperationIds(checked).filter((id) => known.has(id)));
    checkRegistry(
      checked,
      new Map(operations.map((o) => [o.operationId, o] as const)),
      problems,
      (id) => {
        said.add(id);
        return ` ${lackedIdHint(id, ids, didYouMean)}`;
      },
      schemas,
    );
  } catch (error) {
    // A spec that cannot be read at all, or an operation of it that is broken: its line says it.
    if (!(error instanceof SpecError)) throw error;
  }
  // A folder of that id too (renamed, and a step still naming it): its rows went unchecked, which only the spec's line says.
  const lacking = refused.lacks;
  const kept = lacking === undefined || !said.has(lacking) || registry.operations.some((o) => o.operationId === lacking);
  if (kept) problems.addSpecError(refused, specPath);
  return kept;
}

/**
 * A registry some files of which are wrong: the rows of the others are still checked against the
 * spec and each other, so every problem is said at once. Not when a file every row is checked
 * against (families, rules, fixtures) is wrong.
 *
 * @throws DataError, always
 */
export function throwDataProblems(specPath: string, { registry, problems, complete }: RegistryRead): never {
  if (complete) {
    let contract: Contract | undefined;
    try {
      contract = loadContract(specPath, referencedOperationIds(registry));
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      checkAgainstKnownOperations(specPath, registry, problems, error);
    }
    if (contract !== undefined) checkRegistry(registry, new Map(contract.operations.map((o) => [o.operationId, o] as const)), problems, undefined, contract.schemas);
  }
  problems.throwIfAny();
  throw new Error('throwDataProblems was called with no problem (a bug in the suite)');
}

/**
 * The contract of the operations clean data names; a spec that refuses some of them is its
 * SpecError as before, unless the rows it can give have problems of their own: then one DataError
 * says them all, the spec's line last.
 */
export function contractOf(specPath: string, registry: Registry): Contract {
  try {
    return loadContract(specPath, referencedOperationIds(registry));
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    const problems = new DataProblems();
    // The spec's line alone (a folder of an operation it lacks) is thrown as the SpecError it is.
    if (checkAgainstKnownOperations(specPath, registry, problems, error) && problems.count === 1) throw error;
    problems.throwIfAny();
    throw error;
  }
}
