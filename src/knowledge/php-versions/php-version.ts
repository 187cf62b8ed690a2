/** PHP minor versions as `8.2`. Compares numerically (`8.10` > `8.9`). */
export function comparePhpVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/** True when `version` is `since` or newer. */
export function phpAtLeast(version: string, since: string): boolean {
  return comparePhpVersions(version, since) >= 0;
}
