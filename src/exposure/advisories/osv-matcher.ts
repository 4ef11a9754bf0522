/**
 * OsvMatcher: a component's purl against stored OSV affected packages (src/exposure/store/osv-import.ts).
 * Packages are indexed on purl type / namespace / name (normalised as the purl spec and the registry
 * compare names, sources/osv-ecosystems.ts); a component meets only the statements of its own package.
 * Its version (the purl's, else the component's) is then checked with the purl type's ordering
 * (purl/osv-range.ts): listed in `versions` → 'osv-version'; inside a SEMVER / ECOSYSTEM range →
 * 'osv-range'; a comparison the ordering cannot decide (no ordering for the ecosystem, a version it cannot
 * read) → an `undecidable` hit with the reason — never dropped or matched. GIT ranges place commits, not
 * versions: they give no hit (the explanation counts them when another rule hits). A component whose purl
 * names its distribution release (`?distro=debian-12`, `bookworm`) meets only statements of that release
 * when the ecosystem names one (`Debian:12`); without the qualifier, every release's statements apply.
 *
 * One hit per (CVE id, package): the record's CVE aliases, else its own id (GHSA-…, PYSEC-…); affected
 * wins over undecidable, and the advisories saying the same are listed in `sources`.
 */
import type { AdvisoryHit, AdvisoryMatcher } from '../advisory.js';
import type { DeviceComponent } from '../component.js';
import { ecosystemOf } from '../purl/ecosystems.js';
import { type AffectedVerdict, evaluateAffected } from '../purl/osv-range.js';
import { parsePurl, type Purl, PurlSyntaxError } from '../purl/parse.js';
import { formatPackageKey, packageKey, releaseOfDistro, releaseOfEcosystem } from '../sources/osv-ecosystems.js';
import type { OsvPackageStatement } from '../store/osv-import.js';

/** A component as the OSV matcher reads it: its purl, when it has one. */
export type PurlComponent = DeviceComponent & { readonly purl?: string | null };

const SEP = '\u0000';

interface Indexed {
  readonly st: OsvPackageStatement;
  readonly productKey: string;
  /** The SEMVER / ECOSYSTEM ranges (GIT ones cannot place a version). */
  readonly ranges: OsvPackageStatement['ranges'];
  readonly gitRanges: number;
  /** The distribution release the ecosystem names (`Debian:11` → 11), or null. */
  readonly release: string | null;
}

export class OsvMatcher implements AdvisoryMatcher {
  private readonly byKey = new Map<string, Indexed[]>();
  readonly stats = { packages: 0, keys: 0, gitOnly: 0 };

  constructor(statements: readonly OsvPackageStatement[]) {
    for (const st of statements) {
      const k = packageKey(st.type, st.namespace || null, st.name);
      const productKey = `purl:${formatPackageKey(k)}`;
      const ranges = st.ranges.filter((r) => r.type !== 'GIT');
      const gitRanges = st.ranges.length - ranges.length;
      if (gitRanges > 0 && ranges.length === 0) this.stats.gitOnly++;
      let list = this.byKey.get(productKey);
      if (!list) this.byKey.set(productKey, (list = []));
      list.push({ st, productKey, ranges, gitRanges, release: releaseOfEcosystem(st.ecosystem) });
      this.stats.packages++;
    }
    this.stats.keys = this.byKey.size;
  }

  matchComponent(c: PurlComponent): AdvisoryHit[] {
    if (!c.purl) return [];
    let p: Purl;
    try {
      p = parsePurl(c.purl);
    } catch (e) {
      if (e instanceof PurlSyntaxError) return []; // the register checks purls; an unreadable one names no package
      throw e;
    }
    const productKey = `purl:${formatPackageKey(packageKey(p.type, p.namespace, p.name))}`;
    const candidates = this.byKey.get(productKey);
    if (!candidates) return [];
    const version = p.version ?? c.version ?? null;
    const purl: Purl = { ...p, version };
    const scheme = ecosystemOf(p.type)?.ordering?.scheme ?? null;
    const release = releaseOfDistro(p.qualifiers.distro);
    const hits = new Map<string, { hit: AdvisoryHit; sources: string[] }>();
    for (const x of candidates) {
      // a distribution's statement for another release of it (`Debian:11` against `distro=debian-12`) is not about this package
      if (release !== null && x.release !== null && x.release !== release) continue;
      const v = evaluateAffected({ ranges: x.ranges, versions: x.st.versions }, purl);
      if (v.outcome === 'no-match') continue;
      const status = v.outcome === 'match' ? 'affected' : 'undecidable';
      const explanation = explain(x, v, version, scheme);
      for (const cveId of x.st.cveIds) {
        const k = `${cveId}${SEP}${productKey}`;
        const prev = hits.get(k);
        if (prev && prev.hit.status === status) { if (!prev.sources.includes(x.st.advisoryId)) prev.sources.push(x.st.advisoryId); continue; }
        if (prev && prev.hit.status === 'affected') continue;
        const sources = [x.st.advisoryId];
        hits.set(k, { hit: { cveId, productKey, status, source: x.st.advisoryId, explanation: { ...explanation, sources } }, sources });
      }
    }
    return [...hits.values()].map((h) => h.hit);
  }
}

function explain(x: Indexed, v: AffectedVerdict, version: string | null, scheme: string | null): Record<string, unknown> {
  const listed = v.outcome === 'match' && v.ranges.length === 0;
  return {
    rule: listed ? 'osv-version' : 'osv-range',
    advisory: x.st.advisoryId,
    package: x.productKey.slice('purl:'.length),
    ecosystem: x.st.ecosystem,
    version,
    ordering: scheme,
    detail: v.explanation,
    ...(listed ? {} : {
      ranges: v.ranges.map((r) => ({
        type: r.rangeType, scheme: r.scheme, outcome: r.outcome, ...(r.event ? { decidedBy: r.event } : {}),
        events: r.checks.map((ch) => ({ [ch.kind]: ch.value, ...(ch.order !== undefined ? { order: ch.order } : { reason: ch.reason }) })),
      })),
    }),
    ...(x.gitRanges ? { gitRanges: x.gitRanges, gitNote: 'GIT ranges name commits and cannot place a package version' } : {}),
  };
}
