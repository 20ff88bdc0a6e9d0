/** Where `zavu-conformance schemas` writes: the checkout's own folder by default, never an installed package's. */
import { join, resolve } from 'node:path';
import { schemasOutDir } from '../../src/cli/schemas-main';
import { UsageError } from '../../src/model/errors';
import { DEFAULT_SCHEMAS_DIR } from '../../src/schema/generate-schemas';

const checkout = resolve('/work/zavu-conformance');
const installed = resolve('/home/me/project/node_modules/zavu-conformance');

test('in a checkout, the default is the suite\'s own schemas folder', () => {
  expect(schemasOutDir(undefined, '/elsewhere', checkout)).toBe(resolve(checkout, DEFAULT_SCHEMAS_DIR));
});

test('an installed package refuses to regenerate its own schemas without --out, in one line', () => {
  expect(() => schemasOutDir(undefined, '/home/me/project', installed)).toThrow(UsageError);
  expect(() => schemasOutDir(undefined, '/home/me/project', installed)).toThrow(/^--out DIR is required: .*installed package's own/);
});

test('--out is relative to where the user stands, installed or not', () => {
  expect(schemasOutDir('out', '/home/me/project', installed)).toBe(join('/home/me/project', 'out'));
  expect(schemasOutDir('out', '/home/me/project', checkout)).toBe(join('/home/me/project', 'out'));
});
