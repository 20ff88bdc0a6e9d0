/**
 * The HAR validator costs nothing to import (every run imports it through read-recordings), and
 * compiles the HAR schema once: later processes load the compiled code from the content cache.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleHar } from './fixtures';

type HarValidatorModule = typeof import('../../src/recording/har-validator');

const saved = { dir: process.env['ZAVU_CACHE_DIR'], enabled: process.env['ZAVU_CACHE'] };
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zvc-har-cache-'));
  process.env['ZAVU_CACHE_DIR'] = dir;
  delete process.env['ZAVU_CACHE'];
});
afterEach(() => {
  for (const name of ['ajv', 'ajv-formats', 'har-schema']) jest.dontMock(name);
  rmSync(dir, { recursive: true, force: true });
  if (saved.dir === undefined) delete process.env['ZAVU_CACHE_DIR'];
  else process.env['ZAVU_CACHE_DIR'] = saved.dir;
  if (saved.enabled !== undefined) process.env['ZAVU_CACHE'] = saved.enabled;
});

function brokenHar(): unknown {
  const har = sampleHar() as unknown as { log: { entries: { request: { url?: string } }[] } };
  delete har.log.entries[1]?.request.url;
  return har;
}

test('importing the recording reader loads neither ajv, ajv-formats nor har-schema', () => {
  const loaded: string[] = [];
  jest.isolateModules(() => {
    for (const name of ['ajv', 'ajv-formats', 'har-schema']) {
      jest.doMock(name, () => {
        loaded.push(name);
        return jest.requireActual(name);
      });
    }
    require('../../src/recording/read-recordings');
  });
  expect(loaded).toEqual([]);
});

test('the schema is compiled once, then loaded from the cache without ajv, with the same verdicts', () => {
  let cold: (string | undefined)[] = [];
  jest.isolateModules(() => {
    const { harProblem } = require('../../src/recording/har-validator') as HarValidatorModule;
    cold = [harProblem(sampleHar()), harProblem(brokenHar())];
  });
  expect(cold).toEqual([undefined, "/log/entries/1/request: must have required property 'url'"]);
  expect(readdirSync(dir).filter((file) => file.startsWith('har-schema-') && file.endsWith('.js'))).toHaveLength(1);

  jest.isolateModules(() => {
    for (const name of ['ajv', 'ajv-formats', 'har-schema']) {
      jest.doMock(name, () => {
        throw new Error(`${name} must not be loaded when the compiled schema is cached`);
      });
    }
    const { harProblem } = require('../../src/recording/har-validator') as HarValidatorModule;
    expect([harProblem(sampleHar()), harProblem(brokenHar())]).toEqual(cold);
  });
});
