/**
 * Which version ordering a purl type uses, and the OSV ecosystem name it corresponds to.
 * Types without an ordering here (generic, …) answer "undecidable" for range comparisons.
 */
import { apkOrdering } from './order-apk.js';
import { dpkgOrdering } from './order-dpkg.js';
import { mavenOrdering } from './order-maven.js';
import { nugetOrdering } from './order-nuget.js';
import { pep440Ordering } from './order-pep440.js';
import { rpmOrdering } from './order-rpm.js';
import { rubygemsOrdering } from './order-rubygems.js';
import { semverOrdering } from './order-semver.js';
import type { VersionOrdering } from './ordering.js';

export interface Ecosystem {
  /** OSV's ecosystem name. */
  readonly osv: string;
  readonly ordering: VersionOrdering | null;
}

export const ECOSYSTEMS: Readonly<Record<string, Ecosystem>> = {
  npm: { osv: 'npm', ordering: semverOrdering },
  cargo: { osv: 'crates.io', ordering: semverOrdering },
  golang: { osv: 'Go', ordering: semverOrdering },
  pypi: { osv: 'PyPI', ordering: pep440Ordering },
  maven: { osv: 'Maven', ordering: mavenOrdering },
  nuget: { osv: 'NuGet', ordering: nugetOrdering },
  deb: { osv: 'Debian', ordering: dpkgOrdering },
  rpm: { osv: 'Red Hat', ordering: rpmOrdering },
  gem: { osv: 'RubyGems', ordering: rubygemsOrdering },
  apk: { osv: 'Alpine', ordering: apkOrdering },
  // Hex packages are versioned by SemVer 2.0 (hex.pm's own rule)
  hex: { osv: 'Hex', ordering: semverOrdering },
  generic: { osv: '', ordering: null },
};

export function ecosystemOf(purlType: string): Ecosystem | undefined {
  return ECOSYSTEMS[purlType.toLowerCase()];
}
