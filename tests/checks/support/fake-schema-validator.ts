/**
 * A hand-written SchemaValidator for the two shapes the check tests use. It is deliberately not
 * ajv (src/schema/ owns that): check tests must not depend on the real validator's correctness.
 */
import type { SchemaIssue, SchemaValidator } from '../../../src/model/schema';
import { commonPointer } from '../../../src/openapi/json-pointer';

type Rule = (data: Record<string, unknown>) => SchemaIssue[];

const declared: Record<string, Record<string, readonly string[]>> = {
  Error: { '': ['code', 'message', 'details'] },
  WhatsAppSyncStatusResponse: { '': ['sync'], '/sync': ['isCoexistence', 'status', 'history', 'contacts'] },
};

const statuses = ['pending_verification', 'pending_registration', 'active', 'disconnected', 'error'];

const rules: Record<string, Rule> = {
  Error: (data) => [...requireString(data, 'code', 'Error'), ...requireString(data, 'message', 'Error')],
  WhatsAppSyncStatusResponse: (data) => {
    const sync = data['sync'];
    if (!isObject(sync)) return [issue('/sync', 'WhatsAppSyncStatusResponse.json#/properties/sync/type', 'type', 'must be object', { type: 'object' })];
    const found: SchemaIssue[] = [];
    if (typeof sync['isCoexistence'] !== 'boolean') {
      found.push(issue('/sync/isCoexistence', 'WhatsAppSyncStatus.json#/properties/isCoexistence/type', 'type', 'must be boolean', { type: 'boolean' }));
    }
    if (!statuses.includes(sync['status'] as string)) {
      found.push(issue('/sync/status', 'WhatsAppSyncStatus.json#/properties/status/enum', 'enum', 'must be equal to one of the allowed values', { allowedValues: statuses }));
    }
    return found;
  },
};

export interface FakeSchemaValidator extends SchemaValidator {
  /** Component names passed to validate(), in call order, so tests can see which schema was used. */
  readonly validated: string[];
}

export function fakeSchemaValidator(): FakeSchemaValidator {
  const validated: string[] = [];
  return {
    names: Object.keys(rules),
    validated,
    has: (name) => name in rules,
    validate(name, data) {
      const rule = rules[name];
      if (rule === undefined) throw new Error(`unknown schema ${name}`);
      validated.push(name);
      return isObject(data) ? rule(data) : [issue('', `${name}.json#/type`, 'type', 'must be object', { type: 'object' })];
    },
    undeclaredProperties(name, data, keep = Number.POSITIVE_INFINITY) {
      const byPointer = declared[name] ?? {};
      const extra: string[] = [];
      for (const [pointer, keys] of Object.entries(byPointer)) {
        const target = pointer === '' ? data : isObject(data) ? data[pointer.slice(1)] : undefined;
        if (!isObject(target)) continue;
        for (const key of Object.keys(target)) if (!keys.includes(key)) extra.push(`${pointer}/${key}`);
      }
      const rest = extra.slice(keep);
      return { pointers: extra.slice(0, keep), count: extra.length, ...(rest.length > 0 ? { restUnder: rest.reduce(commonPointer) } : {}) };
    },
  };
}

function requireString(data: Record<string, unknown>, key: string, component: string): SchemaIssue[] {
  if (!(key in data)) return [issue('', `${component}.json#/required`, 'required', `must have required property '${key}'`, { missingProperty: key })];
  if (typeof data[key] !== 'string') return [issue(`/${key}`, `${component}.json#/properties/${key}/type`, 'type', 'must be string', { type: 'string' })];
  return [];
}

function issue(instancePath: string, schemaPath: string, keyword: string, message: string, params: Record<string, unknown>): SchemaIssue {
  return { instancePath, schemaPath, keyword, message, params };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
