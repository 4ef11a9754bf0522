/** The STIX knowledge store: every version of every object, latest flagged, with policy columns. */
export const sql = `
-- Keys are compared byte-wise (COLLATE "C"): STIX ids, version keys and type names are ASCII, so
-- the order is the same as under any UTF-8 collation of the database, and index maintenance and
-- sorting avoid the locale's (much slower) comparison. PGlite's databases are "C" already.
CREATE TABLE stix_object (
  id              text COLLATE "C" NOT NULL,
  -- normalised 'modified' (or 'created', or '' for objects without either, e.g. SCOs):
  -- fixed-width so text order is time order: YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ
  version         text COLLATE "C" NOT NULL,
  type            text COLLATE "C" NOT NULL,
  revoked         boolean     NOT NULL DEFAULT false,
  is_latest       boolean     NOT NULL,
  doc             jsonb       NOT NULL,
  content_hash    text        NOT NULL,
  -- need-to-know: TLP 2.0 level, classification rank (0 OFFICIAL, 1 SECRET, 2 TOP SECRET),
  -- the producing organisation and, for TLP:RED, the organisations it is shared with
  tlp             text,
  classification  smallint    NOT NULL DEFAULT 0,
  owner_org       text,
  recipients      text[],
  created_by_ref  text COLLATE "C" GENERATED ALWAYS AS (doc->>'created_by_ref') STORED,
  labels          text[],
  marking_refs    text[],
  -- full-text search over names and descriptions of objects other than relationships and
  -- sightings (SROs have no names; see docs/decisions/0003-full-text-search.md)
  search          tsvector GENERATED ALWAYS AS (
                    CASE WHEN type IN ('relationship', 'sighting') OR NOT (doc ? 'name' OR doc ? 'description') THEN NULL
                    ELSE to_tsvector('english'::regconfig, coalesce(doc->>'name', '') || ' ' || coalesce(doc->>'description', '')) END
                  ) STORED,
  stored_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);

CREATE UNIQUE INDEX stix_object_latest ON stix_object (id) WHERE is_latest;
CREATE INDEX stix_object_type_version ON stix_object (type, version, id) WHERE is_latest;
CREATE INDEX stix_object_version ON stix_object (version, id) WHERE is_latest;
-- Rows without a value are left out of these four: every query using one tests its column with a
-- strict operator (@>, &&, =, @@), which a NULL never satisfies, so the planner still uses them.
-- Most objects have no labels, SCOs no creator, SROs and SCOs no text to search.
CREATE INDEX stix_object_labels ON stix_object USING gin (labels) WHERE is_latest AND labels IS NOT NULL;
CREATE INDEX stix_object_markings ON stix_object USING gin (marking_refs) WHERE is_latest AND marking_refs IS NOT NULL;
CREATE INDEX stix_object_created_by ON stix_object (created_by_ref) WHERE is_latest AND created_by_ref IS NOT NULL;
CREATE INDEX stix_object_search ON stix_object USING gin (search) WHERE is_latest AND search IS NOT NULL;
CREATE INDEX stix_object_source_ref ON stix_object ((doc->>'source_ref')) WHERE is_latest AND type = 'relationship';
CREATE INDEX stix_object_target_ref ON stix_object ((doc->>'target_ref')) WHERE is_latest AND type = 'relationship';
CREATE INDEX stix_object_sighting_of ON stix_object ((doc->>'sighting_of_ref')) WHERE is_latest AND type = 'sighting';

-- Secondary (non-unique) indexes of stix_object set aside by a bulk import: it drops them while it
-- loads a large source into a small table and builds them again at its end (one sorted build is
-- much cheaper than maintaining them row by row). An import that finds rows here (the bulk import
-- was killed) builds them first. Unique indexes are never set aside.
CREATE TABLE deferred_index (
  name         text PRIMARY KEY,
  definition   text NOT NULL,
  deferred_at  timestamptz NOT NULL DEFAULT now()
);
`;
