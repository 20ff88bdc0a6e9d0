/**
 * The contract the matchers judge by: the package's own OpenAPI document, every operation in it,
 * its component schemas converted and compiled exactly as a conformance run does. Loaded on first
 * use and kept for the test file (each Jest test file has its own module registry).
 */
import { join } from 'node:path';
import type { OperationContract, SchemaValidator } from '../model';
import { loadSpec } from '../openapi/load-spec';
import { allOperationIds, getOperations } from '../openapi/operation';
import { packageRoot } from '../package-root';
import { convertComponents } from '../schema/convert-components';
import { DEFAULT_SPEC_PATH } from '../schema/generate-schemas';
import { createSchemaValidator } from '../schema/create-validator';
import { didYouMean } from '../text/plain-text';
import { shownValue } from './shown-value';
import { UsageError } from '../model/errors';

export interface ShippedContract {
  operations: ReadonlyMap<string, OperationContract>;
  schemas: SchemaValidator;
}

/** The spec a run uses by default (the --spec default). */
const SHIPPED_SPEC = join(packageRoot, DEFAULT_SPEC_PATH);

let loaded: ShippedContract | undefined;

export function shippedContract(): ShippedContract {
  if (loaded !== undefined) return loaded;
  const spec = loadSpec(SHIPPED_SPEC);
  const operations = getOperations(spec, allOperationIds(spec));
  loaded = {
    operations: new Map(operations.map((o) => [o.operationId, o] as const)),
    schemas: createSchemaValidator(convertComponents(spec.document, spec.path)),
  };
  return loaded;
}

/**
 * The operation, or a UsageError naming the ones there are (a typo in a test is the test's fault, not
 * the API's), and the matcher or handler it was given to (`caller`), as their other refusals do.
 */
export function shippedOperation(operationId: unknown, caller?: string): OperationContract {
  const { operations } = shippedContract();
  const by = caller === undefined ? '' : `${caller}: `;
  const names = [...operations.keys()];
  // From JavaScript, a missing or mistyped argument would read as an operation named "undefined" or "42".
  if (typeof operationId !== 'string') throw new UsageError(`${by}the operationId must be a string (one of ${names.join(', ')}), received ${shownValue(operationId, 60)}`);
  const operation = operations.get(operationId);
  // The id as typed, cut and escaped: the message is bounded and inert whatever the test passed.
  if (operation === undefined) throw new UsageError(`${by}no Zavu operation ${shownValue(operationId, 80)} (${didYouMean(operationId, names)}there are: ${names.join(', ')})`);
  return operation;
}
