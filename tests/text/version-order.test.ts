/**
 * Which suite wrote a file is read from the file itself: a version is compared by semver's
 * precedence (a pre-release before its release), and text that is no version is none.
 */
import { isNewerVersion, isVersion } from '../../src/text/version-order';

describe('isNewerVersion', () => {
  it('compares the numbers as numbers, not as text', () => {
    expect(isNewerVersion('0.10.0', '0.9.0')).toBe(true);
    expect(isNewerVersion('0.9.0', '0.10.0')).toBe(false);
    expect(isNewerVersion('1.0.0', '0.99.99')).toBe(true);
    expect(isNewerVersion('0.2.0', '0.2.0')).toBe(false);
    // The patch number counts too.
    expect(isNewerVersion('0.2.1', '0.2.0')).toBe(true);
  });

  // "0.2.0-rc.1" said "not this one's" against 0.2.0, neither older nor newer: it is the older.
  it('puts a pre-release before its release, and orders pre-releases as semver does', () => {
    expect(isNewerVersion('0.2.0', '0.2.0-rc.1')).toBe(true);
    expect(isNewerVersion('0.2.0-rc.1', '0.2.0')).toBe(false);
    expect(isNewerVersion('0.2.0-rc.10', '0.2.0-rc.9')).toBe(true);
    expect(isNewerVersion('0.2.0-rc.1', '0.2.0-beta.2')).toBe(true);
    expect(isNewerVersion('0.2.0-alpha.1', '0.2.0-alpha')).toBe(true);
    expect(isNewerVersion('0.2.0-alpha', '0.2.0-1')).toBe(true);
    expect(isNewerVersion('1.0.0-rc.1', '0.9.9')).toBe(true);
    expect(isNewerVersion('1.0.0-rc.1', '0.9.0')).toBe(true);
  });

  it('ignores build metadata, and says no text that is not a version is newer or older', () => {
    expect(isNewerVersion('0.2.0+b2', '0.2.0+b1')).toBe(false);
    expect(isNewerVersion('0.2.0+b1', '0.2.0')).toBe(false);
    expect(isNewerVersion('0.3.0garbage', '0.2.0')).toBe(false);
    expect(isNewerVersion('0.2.0', '0.1.0garbage')).toBe(false);
    expect(isNewerVersion('x', '0.1.0')).toBe(false);
    expect(isNewerVersion('garbage', '0.1.0')).toBe(false);
    // A version not at the start is none.
    expect(isNewerVersion('build-9.0.0', '0.2.0')).toBe(false);
    expect(isNewerVersion('9.0.0\n', '0.1.0')).toBe(false);
  });
});

describe('isVersion', () => {
  it('takes what npm takes as a package version, and nothing else', () => {
    for (const version of ['0.2.0', '10.20.30', '1.0.0-rc.1', '1.0.0-alpha-1.x+sha.5f0c']) expect(isVersion(version)).toBe(true);
    for (const text of ['', ' ', '0.2', '0.2.0 ', '0.2.0\n', '\u001b[31m0.2.0', '0.2.0-', '0.2.0-rc..1', '01.2.0', `0.2.0-${'x'.repeat(200)}`, '1234567890.0.0']) expect(isVersion(text)).toBe(false);
  });
});
