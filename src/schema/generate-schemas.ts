/** The checked-in schemas/components files, as a pure function of the OpenAPI document. */
import { componentId } from './component-id';
import { convertComponents } from './convert-components';

/** Default locations, relative to the repository root. */
export const DEFAULT_SPEC_PATH = 'specs/whatsapp-sync.openapi.yaml';
export const DEFAULT_SCHEMAS_DIR = 'schemas/components';

/**
 * File name → file content for every component schema: "<Name>.json", two-space JSON with a
 * trailing newline. Pure and deterministic, so a test can compare it with what is on disk.
 *
 * @param source - the spec file, named in SpecError messages.
 */
export function generateSchemaFiles(document: Record<string, unknown>, source?: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, schema] of Object.entries(convertComponents(document, source))) {
    files[componentId(name)] = `${JSON.stringify(schema, null, 2)}\n`;
  }
  return files;
}
