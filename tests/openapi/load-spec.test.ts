/** loadSpec: identity of the real spec, and one-line errors naming the file for broken ones. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpecError } from '../../src/model/errors';
import { loadSpec } from '../../src/openapi/load-spec';
import { fullSpecPath, operationSpecPath } from '../schema/support/fixtures';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zavu-spec-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes text to a temp file and returns the SpecError loadSpec throws for it. */
function errorFor(name: string, text: string): SpecError {
  const path = join(dir, name);
  writeFileSync(path, text);
  return caught(path);
}

function caught(path: string): SpecError {
  try {
    loadSpec(path);
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error(`loadSpec(${path}) did not throw`);
}

const VALID = 'openapi: 3.0.3\ninfo: {title: T, version: "1.0"}\npaths: {}\ncomponents: {schemas: {}}\n';

describe('on the real specs', () => {
  it('reads title, version and the sha256 of the YAML operation spec', () => {
    const spec = loadSpec(operationSpecPath);
    expect(spec).toMatchObject({ path: operationSpecPath, title: 'Zavu Unified Messaging Layer API', version: '0.2.0' });
    expect(spec.sha256).toBe(createHash('sha256').update(readFileSync(operationSpecPath)).digest('hex'));
    expect(spec.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads the JSON full description, whose hash the shared README documents', () => {
    const spec = loadSpec(fullSpecPath);
    expect(spec.version).toBe('0.2.0');
    expect(spec.sha256).toBe('0c33c996593d688d8333f74a52e0163e38a05e1537210c0312fcfbc396a41360');
  });
});

describe('errors: one line naming the file', () => {
  it.each<[string, string, string, RegExp]>([
    ['YAML syntax', 'bad.yaml', 'openapi: 3.0.3\ninfo:\n  title: [unclosed\n  version: 1\n', /syntax error: .*at line \d+/],
    ['JSON syntax', 'bad.json', '{"openapi": "3.0.3",\n  "info": {,}\n}', /syntax error: .*at line 2/],
    ['a top-level array', 'list.yaml', '- openapi\n', /not an OpenAPI document \(top level is an array/],
    ['an empty file', 'empty.yaml', '', /top level is null/],
    ['Swagger 2.0', 'swagger.yaml', 'swagger: "2.0"\ninfo: {title: T, version: "1"}\npaths: {}\n', /Swagger 2\.0 is not supported, expected openapi: 3\.0\.x/],
    ['OpenAPI 3.1', 'v31.yaml', VALID.replace('3.0.3', '3.1.0'), /openapi "3\.1\.0" is not supported, expected 3\.0\.x/],
    ['no openapi field', 'none.yaml', VALID.replace('openapi: 3.0.3\n', ''), /missing "openapi" field/],
    ['no info.version', 'nover.yaml', VALID.replace(', version: "1.0"', ''), /missing info\.version/],
    ['an unquoted numeric version', 'num.yaml', VALID.replace('"1.0"', '1.0'), /info\.version must be a string, found a number/],
    ['no components.schemas', 'noschemas.yaml', VALID.replace('components: {schemas: {}}', 'components: {}'), /missing components\.schemas/],
    // YAML refuses a key given twice; JSON.parse would keep the last silently: one rule for both.
    ['a YAML key given twice', 'dup.yaml', 'openapi: 3.0.3\nopenapi: 3.1.0\n', /syntax error: Map keys must be unique at line 2, column 1/],
    ['a JSON key given twice', 'dup.json', '{"openapi": "3.0.3",\n  "info": {"title": "T", "version": "1", "title": "U"}}', /syntax error: key "title" given twice in one object at line 2, column 42/],
    ['a JSON key given twice, once escaped', 'dup-escaped.json', '{"openapi": "3.0.3", "\\u006fpenapi": "3.1.0"}', /syntax error: key "openapi" given twice in one object at line 1, column 22/],
    // Line and column of the file as written: the BOM is no column, a CRLF one line break.
    ['a JSON key given twice, CRLF and a BOM', 'dup-crlf.json', '\uFEFF{"openapi": "3.0.3",\r\n  "info": {"title": "T",\r\n    "title": "U"}}', /key "title" given twice in one object at line 3, column 5/],
    // Merge keys copy a map's members afresh at each `<<` (no shared value, as an alias is): a
    // map merged into each of its copies three times a level is 3^n maps, bounded by the alias count too.
    ['a YAML merge-key bomb', 'merge-bomb.yaml', `l0: &l0 {a: 1, b: 2}\n${Array.from({ length: 12 }, (_, i) => `l${i + 1}: &l${i + 1} {<<: *l${i}, x: {<<: *l${i}}, y: {<<: *l${i}}}`).join('\n')}\n`, /: Excessive alias count/],
    // Aliases of aliases: a few lines that expand to millions of values.
    ['a YAML alias bomb', 'bomb.yaml', `a: &a [x, x, x, x, x, x, x, x, x]\n${['b', 'c', 'd', 'e', 'f'].map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdef'[i]}`).join(', ')}]`).join('\n')}\ng: [${Array(9).fill('*f').join(', ')}]\n`, /: Excessive alias count/],
  ])('%s', (_what, name, text, expected) => {
    const error = errorFor(name, text);
    expect(error.message).toMatch(expected);
    expect(error.message.startsWith(`${join(dir, name)}: `)).toBe(true);
    expect(error.message).not.toContain('\n');
    expect(error.exitCode).toBe(2);
  });

  it('a missing file', () => {
    const path = join(dir, 'absent.yaml');
    expect(caught(path).message).toBe(`${path}: spec file not found`);
  });

  it('a directory', () => {
    expect(caught(dir).message).toBe(`${dir}: is a folder, not an OpenAPI file`);
  });

  it("a file it cannot read carries the file as path and the file system's code, for a caller that acts on them without reading the line", () => {
    const absent = join(dir, 'absent.yaml');
    expect(caught(absent)).toMatchObject({ path: absent, code: 'ENOENT' });
    // /proc/self/mem reads as a regular file of size 0 and fails its read: an I/O error, said by its code.
    const unreadable = join(dir, 'eio.yaml');
    symlinkSync('/proc/self/mem', unreadable);
    expect(caught(unreadable)).toMatchObject({ path: unreadable, code: 'EIO', message: `${unreadable}: cannot be read (EIO)` });
    // A folder is there and is no file to read: no code of the file system's, the file all the same.
    expect(caught(dir).path).toBe(dir);
    expect(caught(dir).code).toBeUndefined();
  });

  it('a symbolic link to nothing is said as one, as every input is, not "spec file not found" of a file the user can see listed', () => {
    const link = join(dir, 'dangling.yaml');
    symlinkSync(join(dir, 'gone.yaml'), link);
    expect(caught(link)).toMatchObject({ path: link, code: 'ENOENT', message: `${link}: is a symbolic link to ${join(dir, 'gone.yaml')}, which does not exist` });
  });
});

it('accepts a minimal valid document, YAML or JSON (with a byte-order mark)', () => {
  writeFileSync(join(dir, 'ok.yaml'), VALID);
  expect(loadSpec(join(dir, 'ok.yaml')).version).toBe('1.0');
  const json = JSON.stringify({ openapi: '3.0.0', info: { title: 'T', version: '2' }, components: { schemas: {} } });
  writeFileSync(join(dir, 'ok.json'), `\uFEFF${json}`);
  expect(loadSpec(join(dir, 'ok.json')).title).toBe('T');
});

// YAML 1.1's merge key, which OpenAPI files written by hand use to share a response or a schema's
// members: read as YAML 1.2's plain key "<<", it made a response status "<<" and a schema keyword
// no validator knows.
it('merges `<<: *anchor` as YAML 1.1 merge keys do, the keys beside it winning', () => {
  const text = [
    'openapi: 3.0.3',
    'info: {title: T, version: "1.0"}',
    'x-shared: &errors',
    "  '401': {description: Unauthorized.}",
    "  '404': {description: Not found.}",
    'paths:',
    '  /x:',
    '    get:',
    '      operationId: getX',
    '      responses:',
    '        <<: *errors',
    "        '404': {description: Gone.}",
    'components:',
    '  schemas:',
    '    Base: &base {type: object, required: [a]}',
    '    Made:',
    '      <<: *base',
    '      properties: {a: {type: string}}',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'merge.yaml'), text);
  const { document } = loadSpec(join(dir, 'merge.yaml'));
  const responses = (document['paths'] as any)['/x'].get.responses;
  expect(responses).toEqual({ '401': { description: 'Unauthorized.' }, '404': { description: 'Gone.' } });
  expect((document['components'] as any).schemas.Made).toEqual({ type: 'object', required: ['a'], properties: { a: { type: 'string' } } });
});

describe("the spec's sha256 is the contract's, not the checkout's", () => {
  // Pinned: the sha256 of the shipped spec's bytes, as every report, history record, baseline,
  // certificate and recording written so far holds it. It must never change while the file does not.
  const SHIPPED_SHA256 = '76959ef33d7154f7ccf29ffaabb570b3ed7e7c5ce2c9fbe526f2734a7605f9d1';
  const lf = (): string => readFileSync(operationSpecPath, 'utf8');

  function loaded(name: string, bytes: string | Buffer): ReturnType<typeof loadSpec> {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return loadSpec(path);
  }

  it('of the shipped spec (LF, one final newline) is the sha256 of its bytes, as before', () => {
    expect(loadSpec(operationSpecPath).sha256).toBe(SHIPPED_SHA256);
  });

  it.each<[string, () => string | Buffer]>([
    ['CRLF line endings (git autocrlf on one runner)', () => lf().replace(/\n/g, '\r\n')],
    ['a UTF-8 byte order mark (an editor)', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lf())])],
    ['a BOM and CRLF together', () => `\uFEFF${lf().replace(/\n/g, '\r\n')}`],
    ['blank lines and spaces after the last line', () => `${lf()}\n  \n\t\n\n`],
    ['CRLF blank lines after the last line', () => `${lf().replace(/\n/g, '\r\n')}\r\n\r\n`],
    ['lone CR line endings (an old Mac editor)', () => lf().replace(/\n/g, '\r')],
    ['CR, CRLF and LF mixed, CR blank lines at the end', () => `${lf().split('\n').map((line, i) => `${line}${['\r', '\r\n', '\n'][i % 3]}`).join('')}\r\r`],
  ])('is the same with %s', (_what, bytes) => {
    const spec = loaded('variant.yaml', bytes());
    expect(spec.sha256).toBe(SHIPPED_SHA256);
    expect(spec.document).toEqual(loadSpec(operationSpecPath).document);
  });

  it('a change of the contract is still another sha256', () => {
    expect(loaded('edited.yaml', lf().replace('version: 0.2.0', 'version: 0.2.1').replace(/\n/g, '\r\n')).sha256).not.toBe(SHIPPED_SHA256);
  });

  it('a file without a final newline keeps the sha256 of its bytes (the full description is one)', () => {
    const text = VALID.trimEnd();
    expect(loaded('no-final-newline.yaml', text).sha256).toBe(createHash('sha256').update(text).digest('hex'));
  });
});
