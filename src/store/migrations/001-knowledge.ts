/** The STIX knowledge store: every version of every object, latest flagged, with policy columns. */
export const sql = `
CREATE TABLE stix_object (
  id              text        NOT NULL,
  -- normalised 'modified' (or 'created', or '' for objects without either, e.g. SCOs):
  -- fixed-width so text order is time order: YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ
  version         text        NOT NULL,
  type            text        NOT NULL,
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
  created_by_ref  text GENERATED ALWAYS AS (doc->>'created_by_ref') STORED,
  labels          text[],
  marking_refs    text[],
  -- full-text search over names and descriptions of objects other than relationships and
  -- sightings (SROs have no names; see docs/decisions/0003-full-text-search.md)
  search          tsvector GENERATED ALWAYS AS (
                    CASE WHEN type IN ('relationship', 'sighting') THEN NULL
                    ELSE to_tsvector('english'::regconfig, coalesce(doc->>'name', '') || ' ' || coalesce(doc->>'description', '')) END
                  ) STORED,
  stored_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);

CREATE UNIQUE INDEX stix_object_latest ON stix_object (id) WHERE is_latest;
CREATE INDEX stix_object_type_version ON stix_object (type, version, id) WHERE is_latest;
CREATE INDEX stix_object_version ON stix_object (version, id) WHERE is_latest;
CREATE INDEX stix_object_labels ON stix_object USING gin (labels) WHERE is_latest;
CREATE INDEX stix_object_markings ON stix_object USING gin (marking_refs) WHERE is_latest;
CREATE INDEX stix_object_created_by ON stix_object (created_by_ref) WHERE is_latest;
CREATE INDEX stix_object_search ON stix_object USING gin (search) WHERE is_latest;
CREATE INDEX stix_object_source_ref ON stix_object ((doc->>'source_ref')) WHERE is_latest AND type = 'relationship';
CREATE INDEX stix_object_target_ref ON stix_object ((doc->>'target_ref')) WHERE is_latest AND type = 'relationship';
CREATE INDEX stix_object_sighting_of ON stix_object ((doc->>'sighting_of_ref')) WHERE is_latest AND type = 'sighting';
`;
