/**
 * Where the test environment puts the host's engine on the sandbox's global. A registered symbol:
 * the same in the host realm and in Jest's, and no name a user's global could take by accident.
 */
export const engineKey: unique symbol = Symbol.for('zavu-conformance.suite-engine') as never;
