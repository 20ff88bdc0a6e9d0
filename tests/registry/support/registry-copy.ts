/**
 * A copy of the shipped operations/ and fixtures/ in a scratch folder, with one thing broken, for
 * tests of the load-time errors. Breaking a copy of the real data (rather than a hand-made
 * registry) keeps the tests honest: each breach is the only thing wrong with files that otherwise
 * load and check clean.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, UsageError } from '../../../src/model/errors';
import { packageRoot } from '../../../src/package-root';
import { checkRegistry } from '../../../src/registry/check-registry';
import { loadRegistry, type Registry } from '../../../src/registry/load-registry';
import { contract, operations } from '../../support/shipped-contract';
import { scratchDir } from '../../support/scratch-dir';

/** Parsed data files are edited freely; the schema and the checks are what judge them. */
export type Json = Record<string, any>;

export class RegistryCopy {
  readonly root = scratchDir('zvc-registry-');
  readonly operationsDir = join(this.root, 'operations');
  readonly fixturesDir = join(this.root, 'fixtures');

  constructor() {
    cpSync(join(packageRoot, 'operations'), this.operationsDir, { recursive: true });
    cpSync(join(packageRoot, 'fixtures'), this.fixturesDir, { recursive: true });
  }

  /** The copy's path of `file` ("operations/families.json"), as the errors name it. */
  path(file: string): string {
    return join(this.root, file);
  }

  /** The scenarios file of one operation in the copy. */
  scenariosFile(operationId: string): string {
    return this.path(join('operations', operationId, 'scenarios.json'));
  }

  read(file: string): Json {
    return JSON.parse(readFileSync(this.path(file), 'utf8')) as Json;
  }

  write(file: string, text: string): this {
    writeFileSync(this.path(file), text);
    return this;
  }

  edit(file: string, change: (data: Json) => void): this {
    const data = this.read(file);
    change(data);
    return this.write(file, JSON.stringify(data, null, 2));
  }

  /** Edits the row `scenarioId` of `operationId`; returns its pointer ("/scenarios/3"). */
  editRow(operationId: string, scenarioId: string, change: (row: Json, data: Json) => void): string {
    let pointer = '';
    this.edit(join('operations', operationId, 'scenarios.json'), (data) => {
      const index = (data['scenarios'] as Json[]).findIndex((s) => s['id'] === scenarioId);
      if (index === -1) throw new Error(`the shipped ${operationId} has no row ${scenarioId}`);
      change(data['scenarios'][index] as Json, data);
      pointer = `/scenarios/${index}`;
    });
    return pointer;
  }

  load(): Registry {
    return loadRegistry(this.operationsDir, this.fixturesDir);
  }

  /** Load and cross-check, as a run does before its first request. */
  loadAndCheck(): Registry {
    const registry = this.load();
    checkRegistry(registry, operations, undefined, undefined, contract.schemas);
    return registry;
  }
}

/** What `run` throws (undefined when it returns). */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** The message of the UsageError `run` throws, after checking it is exit 2 and one line. */
export function usageErrorOf(run: () => unknown): string {
  const caught = thrownBy(run);
  expect(caught).toBeInstanceOf(UsageError);
  const error = caught as UsageError;
  expect(error.exitCode).toBe(ExitCode.usage);
  expect(error.message).not.toContain('\n');
  return error.message;
}
