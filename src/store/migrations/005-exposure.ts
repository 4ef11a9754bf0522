/**
 * Vulnerability data for the exposure engine (issue 4): NVD CVE records, CISA KEV, FIRST EPSS, CSAF
 * advisories with their product statements, the CPE dictionary; a change log the exposure engine
 * follows (as the cascade engine follows register_change); and the human triage state of findings.
 * Written by src/exposure/store (the import services), read back by its loaders.
 */
export const sql = `
-- One row per CVE: the fields the engine and the prioritisation read as columns, the NVD
-- configurations exactly as NVD gives them. content_hash is the source reader's hash of the
-- normalised record: an import skips a record whose hash is unchanged.
CREATE TABLE vuln_cve (
  id                 text COLLATE "C" PRIMARY KEY CHECK (id ~ '^CVE-[0-9]{4}-[0-9]{4,}$'),
  source_identifier  text,
  published          timestamptz NOT NULL,
  last_modified      timestamptz NOT NULL,
  vuln_status        text,
  description        text NOT NULL,
  -- the primary CVSS metric: Primary (NVD's own) before Secondary, the newest CVSS version first
  cvss_version       text CHECK (cvss_version IN ('2.0', '3.0', '3.1', '4.0')),
  cvss_score         double precision CHECK (cvss_score BETWEEN 0 AND 10),
  cvss_severity      text,
  cvss_vector        text,
  CHECK ((cvss_version IS NULL) = (cvss_score IS NULL) AND (cvss_version IS NULL) = (cvss_vector IS NULL)),
  -- every metric (version, source, type, score, severity, vector), for display
  metrics            jsonb NOT NULL DEFAULT '[]',
  cwes               text[] NOT NULL DEFAULT '{}',
  references_count   integer NOT NULL DEFAULT 0 CHECK (references_count >= 0),
  -- references tagged Exploit (public proof of concept)
  exploit_refs       integer NOT NULL DEFAULT 0 CHECK (exploit_refs >= 0 AND exploit_refs <= references_count),
  -- the CISA KEV facts NVD copies onto the record, when present
  cisa               jsonb,
  configurations     jsonb NOT NULL DEFAULT '[]',
  content_hash       text NOT NULL,
  imported_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE vuln_kev (
  cve_id             text COLLATE "C" PRIMARY KEY CHECK (cve_id ~ '^CVE-[0-9]{4}-[0-9]{4,}$'),
  vendor             text NOT NULL,
  product            text NOT NULL,
  name               text NOT NULL,
  short_description  text,
  date_added         date NOT NULL,
  due_date           date NOT NULL,
  -- CISA's knownRansomwareCampaignUse (Known / Unknown) and whether it says Known
  ransomware_use     text NOT NULL,
  known_ransomware   boolean NOT NULL,
  required_action    text NOT NULL,
  notes              text,
  cwes               text[] NOT NULL DEFAULT '{}',
  content_hash       text NOT NULL,
  imported_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE vuln_epss (
  cve_id       text COLLATE "C" PRIMARY KEY CHECK (cve_id ~ '^CVE-[0-9]{4}-[0-9]{4,}$'),
  probability  double precision NOT NULL CHECK (probability BETWEEN 0 AND 1),
  percentile   double precision NOT NULL CHECK (percentile BETWEEN 0 AND 1),
  -- the score_date of the file the score came from (its comment line), when it gives one
  score_date   date,
  model_version text
);

CREATE TABLE csaf_advisory (
  id                    text COLLATE "C" PRIMARY KEY,
  title                 text NOT NULL,
  category              text,
  publisher             text,
  version               text,
  status                text,
  initial_release_date  timestamptz,
  current_release_date  timestamptz,
  tlp                   text,
  cves                  text[] NOT NULL DEFAULT '{}',
  -- counts, remediations, scores and the problems found while reading (JSON, for display)
  summary               jsonb NOT NULL DEFAULT '{}',
  source                text,
  content_hash          text NOT NULL,
  imported_at           timestamptz NOT NULL DEFAULT now()
);

-- One row per statement: an advisory says of a product (by its product id) that it has this status
-- for this CVE. The product's identity is kept whole (identity: the ProductIdentity the CSAF reader
-- built, from which the matcher is rebuilt) and in columns for queries: vendor, product and family
-- normalised NVD-style, model numbers, the cpe/purl helpers, and the version constraint (kind all /
-- ranges / text; ranges as the matcher's bounds; text kept with the reason it was not normalised).
-- Statements of vulnerabilities without a CVE id are not kept (nothing to match them to).
CREATE TABLE csaf_product (
  advisory_id     text COLLATE "C" NOT NULL REFERENCES csaf_advisory (id) ON DELETE CASCADE,
  cve_id          text COLLATE "C" NOT NULL CHECK (cve_id ~ '^CVE-[0-9]{4}-[0-9]{4,}$'),
  product_id      text COLLATE "C" NOT NULL,
  status          text NOT NULL CHECK (status IN ('known_affected', 'first_affected', 'last_affected', 'fixed', 'first_fixed',
                                                  'known_not_affected', 'recommended', 'under_investigation')),
  name            text NOT NULL,
  vendor          text,
  product         text,
  family          text,
  model_numbers   text[],
  cpe             text,
  purl            text,
  version_kind    text NOT NULL CHECK (version_kind IN ('all', 'ranges', 'text')),
  version_text    text NOT NULL,
  version_ranges  jsonb,
  version_reason  text,
  CHECK ((version_kind = 'ranges') = (version_ranges IS NOT NULL) AND (version_kind = 'text') = (version_reason IS NOT NULL)),
  platform        text,
  identity        jsonb NOT NULL,
  PRIMARY KEY (advisory_id, cve_id, product_id, status)
);
CREATE INDEX csaf_product_cve ON csaf_product (cve_id);
CREATE INDEX csaf_product_vendor ON csaf_product (vendor, product);

CREATE TABLE cpe_dictionary (
  cpe_name       text COLLATE "C" PRIMARY KEY,
  cpe_name_id    text NOT NULL,
  title          text,
  deprecated     boolean NOT NULL,
  deprecated_by  text[] NOT NULL DEFAULT '{}',
  last_modified  timestamptz NOT NULL,
  content_hash   text NOT NULL
);

-- One row per CVE whose NVD record, KEV entry, EPSS score (a material move only, see
-- src/exposure/store/README.md) or CSAF statements changed, in the transaction that changed it.
-- The exposure engine re-evaluates what the CVEs after the last seq it applied can touch. Writers
-- take one advisory lock (src/exposure/store/change-log.ts), so seqs commit in order.
CREATE TABLE vuln_change (
  seq     bigserial PRIMARY KEY,
  at      timestamptz NOT NULL DEFAULT now(),
  source  text NOT NULL CHECK (source IN ('nvd', 'kev', 'epss', 'csaf')),
  cve_id  text COLLATE "C" NOT NULL,
  op      text NOT NULL CHECK (op IN ('upsert', 'delete'))
);

-- The human triage state of a finding, keyed on product identity (not on one version), so it
-- survives re-evaluations and upgrades that keep the finding. A finding with no row is new.
CREATE TABLE exposure_finding_state (
  finding_key  text COLLATE "C" PRIMARY KEY,
  component_id text COLLATE "C" NOT NULL,
  cve_id       text COLLATE "C" NOT NULL,
  product_key  text COLLATE "C" NOT NULL,
  org_id       text NOT NULL REFERENCES organisation (id),
  state        text NOT NULL CHECK (state IN ('new', 'acknowledged', 'mitigated', 'risk-accepted')),
  reason       text CHECK (char_length(reason) <= 2000),
  expires_at   timestamptz,
  changed_by   text,
  changed_at   timestamptz NOT NULL DEFAULT now(),
  first_seen   timestamptz NOT NULL DEFAULT now(),
  CHECK (finding_key = component_id || '|' || cve_id || '|' || product_key),
  CHECK (state <> 'risk-accepted' OR (reason IS NOT NULL AND btrim(reason) <> '' AND expires_at IS NOT NULL)),
  CHECK (state = 'risk-accepted' OR expires_at IS NULL)
);
CREATE INDEX exposure_finding_state_org ON exposure_finding_state (org_id, finding_key);
CREATE INDEX exposure_finding_state_component ON exposure_finding_state (component_id);
CREATE INDEX exposure_finding_state_cve ON exposure_finding_state (cve_id);
`;
