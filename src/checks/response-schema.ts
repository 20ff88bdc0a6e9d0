/** "response-schema": the JSON body matches the component schema documented for its status. */
import { countingCheck, type CheckFindings, type CountingCheck } from '../model/check';
import type { SchemaIssue } from '../model/schema';
import { placeFits, pointerPattern, type OmittedViolations, type Violation } from '../model/violation';
import { commonPointer, getAtPointer, parsePointer } from '../openapi/json-pointer';
import { cutPointer } from './support/cut-pointer';
import { schemaBody } from './support/documented-response';
import { expectedFromIssue } from './support/schema-issue-text';
import { describeValue } from '../text/plain-text';

const NONE: CheckFindings = { violations: [], omitted: [] };

/** Issues that make the same violation (violationKey: the received part follows from the pointer). ajv may report one twice. */
const issueKey = (issue: SchemaIssue): string => JSON.stringify([issue.instancePath, issue.schemaPath, expectedFromIssue(issue)]);

/**
 * One violation per schema issue, with ajv's pointers kept, so reports can group and deduplicate
 * them. Silent when the status is undocumented ("status-code-documented" says so) or the body does
 * not parse ("json-body" says so). An array of a million wrong items gives a million issues: the
 * first `keep` distinct ones are described, the rest counted.
 */
export const responseSchemaCheck: CountingCheck = countingCheck({
  id: 'response-schema',
  title: 'The body matches the documented schema',
  runCounted(exchange, context, keep) {
    const body = schemaBody(exchange, context);
    if (body === undefined) return NONE;
    const { status, schemaName, value } = body;
    // An unknown name is a fault of the suite or the spec, not of the target: throwing makes
    // runChecks report it as a crash instead of blaming the server.
    if (!context.schemas.has(schemaName)) {
      throw new Error(`schema "${schemaName}" documented for ${status} is not known to the validator`);
    }
    const seen = new Set<string>();
    const violations: Violation[] = [];
    let omitted = 0;
    let under = '';
    // Where the omitted ones were, each place once: a baseline tells the same failure by them.
    const places = new Set<string>();
    let placesCut = false;
    let placeChars = 0;
    for (const issue of context.schemas.validate(schemaName, value)) {
      const key = issueKey(issue);
      if (seen.has(key)) continue;
      seen.add(key);
      if (violations.length >= keep) {
        under = omitted === 0 ? issue.instancePath : commonPointer(under, issue.instancePath);
        omitted += 1;
        // Bounded first, as run-checks bounds a kept one's, so a place reads the same kept or omitted.
        const place = pointerPattern(cutPointer(issue.instancePath));
        // Bounded in number and in characters (placeFits): a map's keys are the target's to choose.
        if (places.has(place) || placesCut) continue;
        if (placeFits(places.size, placeChars, place)) {
          places.add(place);
          placeChars += place.length;
        } else placesCut = true;
        continue;
      }
      // ajv's instancePath is "" or "/…", a well-formed pointer; a missing value reads "nothing".
      const received = describeValue(getAtPointer(value, parsePointer(issue.instancePath)));
      violations.push({
        check: 'response-schema',
        severity: 'error',
        title: `The ${status} body does not match the ${schemaName} schema`,
        message: `Received: ${received} / Expected: ${expectedFromIssue(issue)}`,
        instancePath: issue.instancePath,
        schemaPath: issue.schemaPath,
      });
    }
    if (omitted === 0) return { violations, omitted: [] };
    const counted: OmittedViolations = { check: 'response-schema', severity: 'error', count: omitted, instancePath: under, places: [...places], ...(placesCut ? { placesCut: true as const } : {}) };
    return { violations, omitted: [counted] };
  },
});
