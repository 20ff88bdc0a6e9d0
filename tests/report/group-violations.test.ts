import { disclosuresAmong, groupBySeverity, groupViolations } from '../../src/report/group-violations';
import { missingSyncProperties, violation, warningViolation } from './fixtures';

describe('groupViolations', () => {
  it('keeps required breaches at the same instancePath and schemaPath apart when their messages differ', () => {
    const groups = groupViolations(missingSyncProperties);
    expect(groups.map((g) => [g.violation.message, g.count])).toEqual([
      ["Received: {} / Expected: must have required property 'isCoexistence'", 1],
      ["Received: {} / Expected: must have required property 'status'", 1],
      ["Received: {} / Expected: must have required property 'history'", 1],
      ["Received: {} / Expected: must have required property 'contacts'", 1],
    ]);
  });

  it('collapses only truly identical breaches, counting them, in first-seen order', () => {
    const [isCoexistence, status] = missingSyncProperties;
    const groups = groupViolations([isCoexistence!, status!, isCoexistence!, isCoexistence!]);
    expect(groups.map((g) => [g.violation, g.count])).toEqual([[isCoexistence, 3], [status, 1]]);
  });

  it('keeps breaches apart when check, instancePath or schemaPath differ', () => {
    const base = violation();
    const variants = [base, { ...base, check: 'other' }, { ...base, instancePath: '/data' }, { ...base, schemaPath: '#/other' }];
    expect(groupViolations(variants)).toHaveLength(4);
  });

  it('groups errors and warnings separately', () => {
    const { errors, warnings } = groupBySeverity([violation(), warningViolation, violation()]);
    expect(errors.map((g) => g.count)).toEqual([2]);
    expect(warnings.map((g) => g.count)).toEqual([1]);
  });
});

describe('disclosuresAmong', () => {
  it('names every disclosure among the errors a one-line view does not show, each once, a credential echoed first', () => {
    const rest = groupViolations([
      violation({ check: 'internal-error-exposed', message: 'a' }),
      violation({ check: 'response-schema' }),
      violation({ check: 'credential-echoed', message: 'b' }),
      violation({ check: 'internal-error-exposed', message: 'c' }),
    ]);
    expect(disclosuresAmong(rest)).toEqual(['credential-echoed', 'internal-error-exposed']);
    expect(disclosuresAmong(groupViolations([violation({ check: 'credential-echoed' })]))).toEqual(['credential-echoed']);
    expect(disclosuresAmong(groupViolations([violation()]))).toEqual([]);
  });
});
