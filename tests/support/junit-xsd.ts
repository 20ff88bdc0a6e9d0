/**
 * What Jenkins xUnit's junit-10.xsd declares on the elements the suite writes: that plugin validates
 * a JUnit file against it before it reads it, and drops (or, by default, fails the build over) a
 * file with an attribute the schema does not declare.
 */
export const JUNIT_10_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  testsuites: ['name', 'time', 'tests', 'failures', 'errors'],
  testsuite: ['name', 'tests', 'failures', 'errors', 'group', 'time', 'skipped', 'timestamp', 'hostname', 'id', 'package', 'file', 'log', 'url'],
  testcase: ['name', 'time', 'classname', 'group'],
  failure: ['type', 'message'],
  error: ['type', 'message'],
  skipped: ['type', 'message'],
};

/** The attributes of every element named `element` (names only). */
export function attributeNames(xml: string, element: string): Set<string> {
  const names = [...xml.matchAll(new RegExp(`<${element} ([^>]*?)/?>`, 'g'))].flatMap((m) => [...(m[1] ?? '').matchAll(/([a-z]+)="/g)].map((a) => a[1] ?? ''));
  return new Set(names);
}

/** `element attribute` for each attribute junit-10.xsd does not declare on an element of `xml`; [] when none. */
export function undeclaredAttributes(xml: string): string[] {
  return Object.entries(JUNIT_10_ATTRIBUTES).flatMap(([element, allowed]) => [...attributeNames(xml, element)].filter((name) => !allowed.includes(name)).map((name) => `${element} ${name}`));
}
