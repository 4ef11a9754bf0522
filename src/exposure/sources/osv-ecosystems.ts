/**
 * OSV ecosystem names ↔ purl types, and the package key both sides are indexed on: the purl type, the
 * namespace and the name, normalised as the purl spec and the registry compare them (PyPI per PEP 503,
 * NuGet/Hex/Pub/Composer case-insensitively; Maven `group:artifact`, npm `@scope/name`, Go module paths
 * and Packagist `vendor/package` split into namespace and name; a Linux distribution is the namespace of
 * its deb / rpm / apk packages). An ecosystem not listed here keeps its lowercased name as the type, so a
 * component of that type still meets the statement (as undecidable: no ordering), never silently.
 */

export interface EcosystemType {
  readonly type: string;
  /** The namespace every package of the ecosystem has (a distribution), when it has one. */
  readonly namespace?: string;
}

const ECOSYSTEM_TYPES: Readonly<Record<string, EcosystemType>> = {
  npm: { type: 'npm' },
  PyPI: { type: 'pypi' },
  Maven: { type: 'maven' },
  NuGet: { type: 'nuget' },
  Go: { type: 'golang' },
  'crates.io': { type: 'cargo' },
  RubyGems: { type: 'gem' },
  Packagist: { type: 'composer' },
  Hex: { type: 'hex' },
  Pub: { type: 'pub' },
  Hackage: { type: 'hackage' },
  CRAN: { type: 'cran' },
  SwiftURL: { type: 'swift' },
  'GitHub Actions': { type: 'github' },
  Debian: { type: 'deb', namespace: 'debian' },
  Ubuntu: { type: 'deb', namespace: 'ubuntu' },
  Alpine: { type: 'apk', namespace: 'alpine' },
  Wolfi: { type: 'apk', namespace: 'wolfi' },
  Chainguard: { type: 'apk', namespace: 'chainguard' },
  'Red Hat': { type: 'rpm', namespace: 'redhat' },
  'Rocky Linux': { type: 'rpm', namespace: 'rocky-linux' },
  AlmaLinux: { type: 'rpm', namespace: 'almalinux' },
  SUSE: { type: 'rpm', namespace: 'suse' },
  openSUSE: { type: 'rpm', namespace: 'opensuse' },
  Mageia: { type: 'rpm', namespace: 'mageia' },
  openEuler: { type: 'rpm', namespace: 'openeuler' },
};

/** The ecosystem's purl type (its name before any `:release` suffix, e.g. `Debian:11`). */
export function purlTypeOfEcosystem(ecosystem: string): EcosystemType {
  const base = ecosystem.split(':')[0]!.trim();
  return ECOSYSTEM_TYPES[base] ?? { type: base.toLowerCase().replace(/[^a-z0-9.+-]/g, '') || 'unknown' };
}

export interface PackageKey {
  readonly type: string;
  /** '' when the package has no namespace. */
  readonly namespace: string;
  readonly name: string;
}

const LOWER_NAME = new Set(['npm', 'pypi', 'nuget', 'deb', 'composer', 'hex', 'pub', 'apk', 'github']);
const LOWER_NAMESPACE = new Set(['npm', 'deb', 'rpm', 'composer', 'apk', 'github']);

/** The key of a package given as purl parts (namespace null when absent). */
export function packageKey(type: string, namespace: string | null, name: string): PackageKey {
  const t = type.toLowerCase();
  let n = LOWER_NAME.has(t) ? name.toLowerCase() : name;
  if (t === 'pypi') n = n.replace(/[-_.]+/g, '-');
  const ns = namespace === null ? '' : LOWER_NAMESPACE.has(t) ? namespace.toLowerCase() : namespace;
  return { type: t, namespace: ns, name: n };
}

/** The key of an OSV package written as ecosystem + name (no purl). */
export function packageKeyOfOsvName(ecosystem: string, name: string): PackageKey {
  const e = purlTypeOfEcosystem(ecosystem);
  if (e.namespace !== undefined) return packageKey(e.type, e.namespace, name);
  if (e.type === 'maven') {
    const colon = name.indexOf(':');
    return colon > 0 ? packageKey('maven', name.slice(0, colon), name.slice(colon + 1)) : packageKey('maven', null, name);
  }
  const slash = name.lastIndexOf('/');
  // npm `@scope/name`, Go module paths, Packagist `vendor/package`, GitHub Actions `owner/repo`
  return slash > 0 ? packageKey(e.type, name.slice(0, slash), name.slice(slash + 1)) : packageKey(e.type, null, name);
}

/** `pkg:type/namespace/name` (namespace omitted when empty): the identity findings are keyed on. */
export function formatPackageKey(k: PackageKey): string {
  return `pkg:${k.type}/${k.namespace ? `${k.namespace}/` : ''}${k.name}`;
}

const CODENAMES: Readonly<Record<string, string>> = {
  stretch: '9', buster: '10', bullseye: '11', bookworm: '12', trixie: '13',
  xenial: '16.04', bionic: '18.04', focal: '20.04', jammy: '22.04', noble: '24.04',
};

/** The distribution release an ecosystem names (`Debian:11` → 11, `Ubuntu:Pro:18.04:LTS` → 18.04), or null. */
export function releaseOfEcosystem(ecosystem: string): string | null {
  const parts = ecosystem.split(':').slice(1);
  return parts.find((p) => /^\d+(?:\.\d+)*$/.test(p)) ?? null;
}

/** The release a purl's `distro` qualifier names (`debian-11`, `ubuntu-22.04`, `bookworm`, `jammy`), or null. */
export function releaseOfDistro(distro: string | undefined): string | null {
  if (distro === undefined) return null;
  const d = distro.toLowerCase();
  return CODENAMES[d] ?? /(?:^|[-_])(\d+(?:\.\d+)*)$/.exec(d)?.[1] ?? null;
}
