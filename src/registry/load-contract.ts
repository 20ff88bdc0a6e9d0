/**
 * Everything a run needs from the spec (identity for reports, the operations it certifies, the
 * component schemas converted to JSON Schema), cached by the spec's bytes and the operation ids.
 * Parsing YAML and converting costs about 50 ms a run; a cached contract is one JSON.parse, and
 * the YAML parser is not loaded.
 */
import { readInputFile } from '../files/read-input-file';
import { cacheKey, readCache, writeCache } from '../cache/content-cache';
import type { OperationContract } from '../model';
import { SpecError } from '../model/errors';
import { didYouMean } from '../text/plain-text';
import { componentOfRef } from '../schema/component-id';

export interface Contract {
  spec: { path: string; title: string; version: string; sha256: string };
  /** In the order asked for. */
  operations: OperationContract[];
  /**
   * Every operationId of the spec, in document order: a run names those the suite has no data for
   * (not certified), so a spec's operation is never left out in silence.
   */
  specOperationIds: string[];
  schemas: Record<string, object>;
  /** The paths the spec's `servers` entries put before its paths ("/api"), one of which --base-url must hold: the suite never follows `servers`. */
  serverPaths?: string[];
}

/**
 * What spec.sha256 of an entry is the hash of, in its key: an entry of the same suite version
 * written when it was of the raw bytes (a checkout between releases) held a CRLF file's sha256 of
 * its CRLF, another contract than the LF checkout's; keyed apart, it is never read.
 */
const SHA256_OF = 'sha256 of spec-text.ts';

/**
 * How the contract is read, in the key too: an entry written when an inline body schema was taken
 * as none (every answer passing response-schema unjudged), YAML's `<<` as a plain key (a
 * response status "<<"), only the first `servers` entry's path kept, or before a component a body
 * reaches and the spec lacks was refused (one a $ref into it reaches too), or one of an operation
 * whose request body is required (which the suite cannot send), is never read; the spec is read again.
 */
const BODY_SCHEMAS = 'body schemas: components only, each one a body reaches defined (a $ref into one too); YAML merge keys; every servers path; a required request body refused';

/** "X" of every converted `{ $ref: "X.json" }` or `{ $ref: "X.json#/…" }` (convert-components.ts) inside `node`, in document order. */
function refNames(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) refNames(item, into);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      const name = key === '$ref' && typeof value === 'string' ? componentOfRef(value, { into: true }) : undefined;
      if (name !== undefined) into.push(name);
      else refNames(value, into);
    }
  }
  return into;
}

/** The first component `root` reaches that `schemas` lacks, and the component that names it; undefined when none. */
function missingComponent(root: string, schemas: Readonly<Record<string, object>>): { name: string; from: string } | undefined {
  const seen = new Set([root]);
  const queue = [root];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const name of refNames(schemas[next])) {
      if (!Object.prototype.hasOwnProperty.call(schemas, name)) return { name, from: next };
      if (!seen.has(name)) {
        seen.add(name);
        queue.push(name);
      }
    }
  }
  return undefined;
}

export function loadContract(specPath: string, operationIds: readonly string[]): Contract {
  let bytes: Buffer | undefined;
  try {
    // Bounded and regular files only: a FIFO here would block before loadSpec could say what it is.
    bytes = readInputFile(specPath, undefined, 'an OpenAPI file');
  } catch {
    // The cold path below reports the problem in its own words.
  }
  const file = bytes === undefined ? undefined : cacheKey('contract', 'json', bytes, specPath, SHA256_OF, BODY_SCHEMAS, ...operationIds);
  // The key covers the spec's bytes, so a hit is this very file: no second hash needed.
  const cached = file === undefined ? undefined : readCache(file);
  if (cached !== undefined) {
    try {
      const parsed = JSON.parse(cached) as Contract;
      // An entry written before specOperationIds was kept (same suite version, a checkout) is recomputed.
      if (Array.isArray(parsed.specOperationIds)) return parsed;
    } catch {
      // A damaged entry is recomputed below.
    }
  }
  // Cold path: the spec modules (and the YAML parser) are loaded only here.
  const { loadSpec } = require('../openapi/load-spec') as typeof import('../openapi/load-spec');
  const { allOperationIds, getOperations } = require('../openapi/operation') as typeof import('../openapi/operation');
  const { convertComponents } = require('../schema/convert-components') as typeof import('../schema/convert-components');
  const { serverPaths } = require('../openapi/server-path') as typeof import('../openapi/server-path');
  const { requiredRequestBody } = require('../openapi/required-request-body') as typeof import('../openapi/required-request-body');
  const spec = loadSpec(specPath);
  const specOperationIds = allOperationIds(spec);
  // An id the data names and the spec lost (a new description renamed it): the likely new name
  // outright (didYouMean), since a spec of 163 operations lists only its first few. Said only after
  // an id two operations share (getOperations: the cause, the other operation then reads as missing).
  const operations = getOperations(spec, operationIds, didYouMean);
  const prefixes = serverPaths(spec.document);
  const contract: Contract = {
    spec: { path: spec.path, title: spec.title, version: spec.version, sha256: spec.sha256 },
    operations,
    specOperationIds,
    schemas: convertComponents(spec.document, spec.path),
    ...(prefixes === undefined ? {} : { serverPaths: prefixes }),
  };
  // A body schema that names no component could judge no answer: said now, not as a crash per case
  // after the run; nor one a component it reaches names (a component left out of a copy), which
  // failed to compile only once the target had been reached.
  for (const operation of contract.operations) {
    // The suite sends no request body: a required one would make every case a request the contract
    // refuses, and a conformant server's 400 to it certified FAILED, blamed on the configured sender.
    const bodyRequired = requiredRequestBody(spec, operation);
    if (bodyRequired !== undefined) {
      throw new SpecError(`${spec.path}: ${operation.operationId} (${operation.label}) requires a request body (${bodyRequired}), and the suite sends none (a scenario carries no body): every case would send it empty, and judge a conformant server's refusal as its fault; the suite certifies operations whose request body is absent or optional`);
    }
    for (const response of operation.responses) {
      if (response.schemaName !== undefined && !Object.prototype.hasOwnProperty.call(contract.schemas, response.schemaName)) {
        throw new SpecError(`${spec.path}: ${operation.operationId} documents its ${response.status} body as #/components/schemas/${response.schemaName}, which components.schemas does not define`);
      }
      const missing = response.schemaName === undefined ? undefined : missingComponent(response.schemaName, contract.schemas);
      if (missing !== undefined) {
        throw new SpecError(`${spec.path}: ${operation.operationId} documents its ${response.status} body as #/components/schemas/${response.schemaName}, whose #/components/schemas/${missing.from} refers to #/components/schemas/${missing.name}, which components.schemas does not define: copy it into the spec too`);
      }
    }
  }
  if (file !== undefined) writeCache(file, JSON.stringify(contract));
  return contract;
}

/**
 * The spec's operations (in its order) that no data folder of the suite covers: no scenario
 * sends them a request, so nothing certifies them.
 */
export function operationsWithoutData(specOperationIds: readonly string[], withData: readonly string[]): string[] {
  const covered = new Set(withData);
  return specOperationIds.filter((id) => !covered.has(id));
}
