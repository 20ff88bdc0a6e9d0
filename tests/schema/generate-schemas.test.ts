/** The checked-in schemas/components must be exactly what the generator makes from specs/. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSchemaFiles } from '../../src/schema/generate-schemas';
import { loadSpec } from '../../src/openapi/load-spec';
import { documentWith, operationSpecPath, schemasDir } from './support/fixtures';

const STALE = 'schemas/components is stale: run npm run schemas';

it('schemas/components on disk equals the generator output for specs/whatsapp-sync.openapi.yaml', () => {
  const expected = generateSchemaFiles(loadSpec(operationSpecPath).document);
  const onDisk = readdirSync(schemasDir).filter((name) => name.endsWith('.json')).sort();
  if (onDisk.join(',') !== Object.keys(expected).sort().join(',')) {
    throw new Error(`${STALE} (files differ: on disk [${onDisk.join(', ')}], expected [${Object.keys(expected).sort().join(', ')}])`);
  }
  for (const [name, content] of Object.entries(expected)) {
    if (readFileSync(join(schemasDir, name), 'utf8') !== content) throw new Error(`${STALE} (${name} differs)`);
  }
});

describe('generateSchemaFiles', () => {
  const document = documentWith({ B: { type: 'string', nullable: true }, A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } } });

  it('writes "<Name>.json" per component: pretty JSON with a trailing newline', () => {
    const files = generateSchemaFiles(document);
    expect(Object.keys(files)).toEqual(['A.json', 'B.json']);
    expect(files['B.json']).toBe(
      '{\n  "$schema": "http://json-schema.org/draft-07/schema#",\n  "$id": "B.json",\n  "type": [\n    "string",\n    "null"\n  ]\n}\n',
    );
  });

  it('is deterministic: the document order of components and keywords does not matter', () => {
    const reordered = documentWith({ A: { properties: { b: { $ref: '#/components/schemas/B' } }, type: 'object' }, B: { nullable: true, type: 'string' } });
    expect(generateSchemaFiles(reordered)).toEqual(generateSchemaFiles(document));
  });

  it('names the spec file in conversion errors when given', () => {
    expect(() => generateSchemaFiles(documentWith({ A: 'nope' }), 'x.yaml')).toThrow(
      'x.yaml: schema at #/components/schemas/A is not an object',
    );
  });
});
