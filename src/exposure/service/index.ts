/**
 * The exposure service (issue 4, item 6): the engine kept current from the store, its use cases through
 * the access policy, threat context from the knowledge store, imports of vulnerability data.
 *
 * The composition root (src/app.ts) makes one per open store (`app.exposure`), so the API, the CLI and
 * the demo share one engine.
 */

export { ExposureService, MAX_MATCH_CPES, type FindingsQuery, type MatchAnswer, type StateChange } from './exposure-service.js';
export { EngineSync, type SyncOptions } from './engine-sync.js';
export { importVulnerabilities, VULN_SOURCES, type VulnSourceName } from './vuln-import.js';
export { buildThreatContext, loadThreatContext, sectorsOf, STIX_SECTORS, type ThreatContext } from './threat-context.js';
