/**
 * The human triage state of findings (exposure_finding_state), keyed on product identity:
 * `${componentId}|${cveId}|${productKey}`. A finding without a row is `new`. Every write is checked
 * here (allowed transition, reason and expiry rules) before the table's CHECKs would refuse it.
 */
import { AppError, errors } from '../../errors.js';
import type { Queryable } from '../../store/db.js';
import { FINDING_STATES, type FindingState, type FindingStateRecord, type PutStateInput } from './types.js';

export const MAX_REASON_LENGTH = 2000;

/**
 * Which state may follow which. Reopening (back to `new`) is allowed from mitigated and risk-accepted
 * (the mitigation failed, the acceptance was withdrawn); a risk acceptance may be renewed (new reason
 * or expiry); an acknowledgement may be re-stated (new reason).
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<FindingState, readonly FindingState[]>> = {
  new: ['acknowledged', 'mitigated', 'risk-accepted'],
  acknowledged: ['acknowledged', 'mitigated', 'risk-accepted'],
  mitigated: ['new', 'acknowledged', 'risk-accepted'],
  'risk-accepted': ['new', 'acknowledged', 'mitigated', 'risk-accepted'],
};

export function findingKey(componentId: string, cveId: string, productKey: string): string {
  return `${componentId}|${cveId}|${productKey}`;
}

interface Row {
  finding_key: string; component_id: string; cve_id: string; product_key: string; org_id: string; state: FindingState;
  reason: string | null; expires_at: string | null; changed_by: string | null; changed_at: string; first_seen: string;
}

const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const COLUMNS = `finding_key, component_id, cve_id, product_key, org_id, state, reason, ${iso('expires_at')} AS expires_at,
  changed_by, ${iso('changed_at')} AS changed_at, ${iso('first_seen')} AS first_seen`;

function toRecord(r: Row): FindingStateRecord {
  return {
    findingKey: r.finding_key, componentId: r.component_id, cveId: r.cve_id, productKey: r.product_key, orgId: r.org_id,
    state: r.state, reason: r.reason, expiresAt: r.expires_at, changedBy: r.changed_by, changedAt: r.changed_at, firstSeen: r.first_seen,
  };
}

/** The stored states: of the given organisations, or all when `orgIds` is omitted. */
export async function getStates(db: Queryable, orgIds?: readonly string[]): Promise<Map<string, FindingStateRecord>> {
  const rows = orgIds === undefined
    ? await db.query<Row>(`SELECT ${COLUMNS} FROM exposure_finding_state`)
    : await db.query<Row>(`SELECT ${COLUMNS} FROM exposure_finding_state WHERE org_id = ANY($1::text[])`, [[...orgIds]]);
  return new Map(rows.map((r) => [r.finding_key, toRecord(r)]));
}

const bad = (field: string, message: string): AppError =>
  errors.validation(`Finding state not changed: ${field} ${message}.`, [{ path: field, message }]);

function checkInput(i: PutStateInput, now: Date): { reason: string | null; expiresAt: string | null } {
  for (const f of ['componentId', 'cveId', 'productKey', 'orgId'] as const) {
    const v = i[f];
    if (typeof v !== 'string' || v === '') throw bad(f, 'is required');
    if (f !== 'productKey' && v.includes('|')) throw bad(f, `must not contain '|' (it separates the parts of the finding key): '${v}'`);
  }
  if (!/^CVE-\d{4}-\d{4,}$/.test(i.cveId)) throw bad('cveId', `'${i.cveId}' is not a CVE id`);
  if (!(FINDING_STATES as readonly string[]).includes(i.state)) throw bad('state', `must be one of ${FINDING_STATES.join(', ')}, not '${String(i.state)}'`);
  const reason = i.reason === undefined || i.reason === null || i.reason.trim() === '' ? null : i.reason;
  if (reason !== null && reason.length > MAX_REASON_LENGTH) throw bad('reason', `is ${reason.length} characters; at most ${MAX_REASON_LENGTH}`);
  let expiresAt: string | null = null;
  if (i.expiresAt !== undefined && i.expiresAt !== null) {
    const t = Date.parse(i.expiresAt);
    if (!/^\d{4}-\d{2}-\d{2}(T|$)/.test(i.expiresAt) || Number.isNaN(t)) throw bad('expiresAt', `'${i.expiresAt}' is not an ISO 8601 date-time`);
    if (i.state !== 'risk-accepted') throw bad('expiresAt', `applies to risk-accepted findings only, not to '${i.state}'`);
    if (t <= now.getTime()) throw bad('expiresAt', `'${i.expiresAt}' is not in the future`);
    expiresAt = new Date(t).toISOString();
  }
  if (i.state === 'risk-accepted') {
    if (reason === null) throw bad('reason', 'is required to accept a risk');
    if (expiresAt === null) throw bad('expiresAt', 'is required to accept a risk (an acceptance must end)');
  }
  if (i.firstSeen !== undefined && Number.isNaN(Date.parse(i.firstSeen))) throw bad('firstSeen', `'${i.firstSeen}' is not a date-time`);
  return { reason, expiresAt };
}

/**
 * Sets a finding's state inside the caller's transaction (the row is locked while it is checked).
 * Refuses (VALIDATION_FAILED, naming the field) a transition the table does not allow, a risk
 * acceptance without reason or future expiry, a reason over 2000 characters; refuses (CONFLICT) when
 * `expect` is given and differs from the stored state. Returns the stored record.
 */
export async function putState(tx: Queryable, input: PutStateInput, now: Date = new Date()): Promise<FindingStateRecord> {
  const { reason, expiresAt } = checkInput(input, now);
  const key = findingKey(input.componentId, input.cveId, input.productKey);
  const [cur] = await tx.query<Row>(`SELECT ${COLUMNS} FROM exposure_finding_state WHERE finding_key = $1 FOR UPDATE`, [key]);
  const from: FindingState = cur?.state ?? 'new';
  if (input.expect !== undefined && input.expect !== from) {
    throw errors.conflict(`Finding ${key} is ${from}, not ${input.expect} as expected: it was changed meanwhile; reload it.`);
  }
  if (cur && cur.org_id !== input.orgId) throw bad('orgId', `is ${input.orgId} but finding ${key} belongs to ${cur.org_id}`);
  if (cur && from === input.state && !ALLOWED_TRANSITIONS[from].includes(input.state)) {
    throw bad('state', `is already ${from}`);
  }
  if (cur && !ALLOWED_TRANSITIONS[from].includes(input.state)) {
    throw bad('state', `cannot go from ${from} to ${input.state} (allowed: ${ALLOWED_TRANSITIONS[from].join(', ') || 'none'})`);
  }
  const [row] = await tx.query<Row>(
    `INSERT INTO exposure_finding_state (finding_key, component_id, cve_id, product_key, org_id, state, reason, expires_at, changed_by, changed_at, first_seen)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9, $10::timestamptz, coalesce($11::timestamptz, $10::timestamptz))
     ON CONFLICT (finding_key) DO UPDATE SET state = EXCLUDED.state, reason = EXCLUDED.reason, expires_at = EXCLUDED.expires_at,
       changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at
     RETURNING ${COLUMNS}`,
    [key, input.componentId, input.cveId, input.productKey, input.orgId, input.state, reason, expiresAt, input.changedBy,
      now.toISOString(), input.firstSeen ?? null],
  );
  return toRecord(row!);
}
