/**
 * The exposure engine (issue 4, items 2–5): every registered component against every known CVE configuration
 * and advisory, in memory, kept current incrementally, answering ranked, explained findings.
 *
 *   const engine = new ExposureEngine({ advisoryMatchers: [csafMatcher] });
 *   engine.load({ assets, components, cves, kev, epss, threats, sightings, states });
 *   engine.findings({ orgIds: ['northgrid'], outcome: 'immediate' }, { limit: 50 });
 *   engine.upsertCve(cve);            // → FindingsDelta
 */
export { ExposureEngine } from './engine.js';
export * from './types.js';
