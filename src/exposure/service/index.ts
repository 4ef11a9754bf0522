/**
 * The exposure service (issue 4, item 6): the engine kept current from the store, its use cases through
 * the access policy, threat context from the knowledge store, imports of vulnerability data.
 *
 * `exposureOf(app)` gives the one service of an AppServices (created on first use), so the API, the CLI
 * and the demo share one engine per open store.
 */
import type { AppServices } from '../../app.js';
import { ExposureService } from './exposure-service.js';

export { ExposureService, MAX_MATCH_CPES, type FindingsQuery, type MatchAnswer, type StateChange } from './exposure-service.js';
export { EngineSync, type SyncOptions } from './engine-sync.js';
export { importVulnerabilities, VULN_SOURCES, type VulnSourceName } from './vuln-import.js';
export { buildThreatContext, loadThreatContext, sectorsOf, STIX_SECTORS, type ThreatContext } from './threat-context.js';

const services = new WeakMap<AppServices, ExposureService>();

/** The exposure service of an open store (one per AppServices). */
export function exposureOf(app: AppServices): ExposureService {
  let s = services.get(app);
  if (!s) services.set(app, (s = new ExposureService(app.db, app.appendAudit)));
  return s;
}
