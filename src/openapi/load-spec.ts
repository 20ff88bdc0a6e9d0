/** Reads an OpenAPI 3.0 document from disk and checks the few things every later step relies on. */
import { createHash } from 'node:crypto';
import { fsReason, InputFileError, readInputFile, unreadFile } from '../files/read-input-file';
import { SpecError } from '../model/errors';
import type { LoadedSpec } from '../model/operation';
import { isRecord } from './is-record';
import { parseSpecText } from './parse-document';
import { specText } from './spec-text';

/**
 * Loads the OpenAPI 3.0.x document at path (YAML or JSON). The sha256 is of the file's bytes as
 * spec-text.ts reads them (no BOM, LF line endings, no blank lines at the end), so reports identify
 * the contract that was certified against, and one checkout's CRLF is not another contract.
 *
 * @throws SpecError with one line naming the file and the problem: unreadable, not YAML/JSON,
 *   not an object, not OpenAPI 3.0.x, no info.title/info.version, no components.schemas.
 */
export function loadSpec(path: string): LoadedSpec {
  // What is parsed is what is hashed: one sha256, one document.
  const bytes = specText(readSpecBytes(path));
  const document = parseSpecText(bytes.toString('utf8'), path);
  if (!isRecord(document)) {
    throw new SpecError(`${path}: not an OpenAPI document (top level is ${describe(document)}, expected an object)`);
  }
  checkVersion(document, path);
  const info = document['info'];
  if (!isRecord(info)) throw new SpecError(`${path}: missing info object`);
  const title = requireString(info, 'title', path);
  const version = requireString(info, 'version', path);
  const components = document['components'];
  if (!isRecord(components) || !isRecord(components['schemas'])) {
    throw new SpecError(`${path}: missing components.schemas (the suite validates bodies against them)`);
  }
  return { path, title, version, sha256: createHash('sha256').update(bytes).digest('hex'), document };
}

/** A spec of this size is no hand-written contract: the full public Zavu description is 0.3 MiB. */
const SPEC_LIMIT = 64 * 1024 * 1024;

function readSpecBytes(path: string): Buffer {
  try {
    return readInputFile(path, SPEC_LIMIT, 'an OpenAPI file');
  } catch (error) {
    // Not found as such: a link to nothing is said as one (readInputFile's words), though its code is ENOENT too.
    const missing = error instanceof InputFileError && error.code === 'ENOENT' && error.message === fsReason(error);
    throw new SpecError(`${path}: ${missing ? 'spec file not found' : (error as Error).message}`, unreadFile(path, error));
  }
}

function checkVersion(document: Record<string, unknown>, path: string): void {
  const openapi = document['openapi'];
  if (typeof openapi === 'string' && /^3\.0\.\d+$/.test(openapi)) return;
  if (document['swagger'] !== undefined) {
    throw new SpecError(`${path}: Swagger ${String(document['swagger'])} is not supported, expected openapi: 3.0.x`);
  }
  if (openapi === undefined) throw new SpecError(`${path}: missing "openapi" field, expected openapi: 3.0.x`);
  throw new SpecError(`${path}: openapi ${JSON.stringify(openapi)} is not supported, expected 3.0.x`);
}

function requireString(info: Record<string, unknown>, key: string, path: string): string {
  const value = info[key];
  if (typeof value === 'string' && value !== '') return value;
  if (value === undefined || value === '') throw new SpecError(`${path}: missing info.${key}`);
  // YAML reads `version: 1.0` as the number 1, which is how this usually happens.
  throw new SpecError(`${path}: info.${key} must be a string, found ${describe(value)} (quote it in YAML)`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
