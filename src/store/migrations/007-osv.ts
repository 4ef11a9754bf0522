/**
 * OSV advisories (src/exposure/store/osv-import.ts): one row per advisory (its content hash, the CVE
 * ids its findings are filed under, withdrawn) and one per affected package, keyed for the matcher on
 * the normalised purl type / namespace / name, with the OSV ranges and versions as written. A withdrawn
 * advisory keeps its row and has no packages. vuln_change takes the source 'osv'.
 */
export const sql = `
CREATE TABLE osv_advisory (
  id            text COLLATE "C" PRIMARY KEY CHECK (id <> ''),
  modified      timestamptz NOT NULL,
  published     timestamptz,
  withdrawn     timestamptz,
  aliases       text[] NOT NULL DEFAULT '{}',
  cve_ids       text[] NOT NULL CHECK (cardinality(cve_ids) > 0),
  summary       text,
  severity      jsonb NOT NULL DEFAULT '[]',
  source        text,
  content_hash  text NOT NULL,
  imported_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE osv_affected (
  advisory_id     text COLLATE "C" NOT NULL REFERENCES osv_advisory (id) ON DELETE CASCADE,
  idx             integer NOT NULL CHECK (idx >= 0),
  cve_ids         text[] NOT NULL,
  ecosystem       text NOT NULL,
  purl            text,
  purl_type       text COLLATE "C" NOT NULL,
  purl_namespace  text COLLATE "C" NOT NULL DEFAULT '',
  purl_name       text COLLATE "C" NOT NULL,
  ranges          jsonb NOT NULL,
  versions        jsonb NOT NULL,
  modified        timestamptz NOT NULL,
  content_hash    text NOT NULL,
  PRIMARY KEY (advisory_id, idx)
);
CREATE INDEX osv_affected_package ON osv_affected (purl_type, purl_namespace, purl_name);

ALTER TABLE vuln_change DROP CONSTRAINT vuln_change_source_check;
ALTER TABLE vuln_change ADD CONSTRAINT vuln_change_source_check CHECK (source IN ('nvd', 'kev', 'epss', 'csaf', 'osv'));
`;
