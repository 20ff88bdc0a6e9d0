/**
 * Cross-project isolation (OWASP API1) as data: every operation has the row, bound to the
 * otherProject role, expecting exactly the unknown sender's 404; the family is core; the role's
 * writes need their own consent.
 */
import { registry } from '../support/shipped-contract';

test('every operation has the other-project-sender rows: valid key, exactly 404 (not 200, not 403); no credentials, exactly 401', () => {
  for (const operation of registry.operations) {
    const rows = operation.scenarios.filter((row) => row.family === 'isolation');
    expect({ operation: operation.operationId, rows: rows.map((row) => [row.id, row.path, row.auth, row.expect?.status, row.expect?.alsoAccept, row.expect?.warnOn]) }).toEqual({
      operation: operation.operationId,
      rows: [
        ['other-project-sender-no-credentials', { senderId: 'otherProject' }, 'none', 401, undefined, undefined],
        ['other-project-sender', { senderId: 'otherProject' }, 'valid', 404, undefined, undefined],
      ],
    });
  }
});

test('the isolation family is declared core, and its role is not writable without consent', () => {
  expect(registry.families.find((f) => f.id === 'isolation')).toMatchObject({ core: true });
  const role = registry.roles.get('otherProject')?.role;
  expect(role).toMatchObject({ env: 'ZAVU_SENDER_OTHER_PROJECT', writableWhen: 'ZAVU_SENDER_OTHER_PROJECT_WRITABLE' });
  expect(role?.writable).toBeUndefined();
  // Not among the roles "any" may pick: a credential case must never land on another project's sender.
  expect(registry.roles.get('any')?.role.firstOf).not.toContain('otherProject');
});
