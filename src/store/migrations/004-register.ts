/**
 * The infrastructure register: sectors (reference data), organisations' sectors, assets (sites and
 * systems), components, dependencies between assets, and a change log the in-memory engines
 * (cascade, exposure) follow to stay current, also across processes on a PostgreSQL server.
 */
import { SECTORS } from '../../register/model.js';

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
const sectorRows = SECTORS.map((s) => `(${q(s.code)}, ${q(s.name)})`).join(',\n  ');
const subSectorRows = SECTORS.flatMap((s) => s.subSectors.map((sub) => `(${q(s.code)}, ${q(sub)})`)).join(',\n  ');

export const sql = `
CREATE TABLE sector (
  code  text PRIMARY KEY,
  name  text NOT NULL
);
INSERT INTO sector (code, name) VALUES
  ${sectorRows};

CREATE TABLE sub_sector (
  sector_code  text NOT NULL REFERENCES sector (code),
  code         text NOT NULL,
  PRIMARY KEY (sector_code, code)
);
INSERT INTO sub_sector (sector_code, code) VALUES
  ${subSectorRows};

ALTER TABLE organisation ADD COLUMN sector text REFERENCES sector (code);

CREATE TABLE asset (
  id                 text COLLATE "C" PRIMARY KEY,
  kind               text NOT NULL CHECK (kind IN ('site', 'system')),
  org_id             text NOT NULL REFERENCES organisation (id),
  name               text NOT NULL,
  sector             text NOT NULL REFERENCES sector (code),
  sub_sector         text,
  site_id            text COLLATE "C" REFERENCES asset (id),
  region             text NOT NULL,
  lat                double precision CHECK (lat BETWEEN -90 AND 90),
  lon                double precision CHECK (lon BETWEEN -180 AND 180),
  criticality        smallint NOT NULL CHECK (criticality BETWEEN 0 AND 5),
  essential_service  text,
  population_served  bigint NOT NULL DEFAULT 0 CHECK (population_served >= 0),
  system_type        text CHECK (system_type IN ('IT', 'OT')),
  function           text,
  network_zone       text,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'site') = (site_id IS NULL))
);
CREATE INDEX asset_org ON asset (org_id, id);
CREATE INDEX asset_site ON asset (site_id) WHERE site_id IS NOT NULL;
CREATE INDEX asset_region ON asset (region, id);

CREATE TABLE component (
  id                text COLLATE "C" PRIMARY KEY,
  system_id         text COLLATE "C" NOT NULL REFERENCES asset (id),
  org_id            text NOT NULL REFERENCES organisation (id),
  name              text NOT NULL,
  cpe               text,
  purl              text,
  vendor            text,
  product           text,
  version           text,
  internet_exposed  boolean NOT NULL DEFAULT false,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX component_system ON component (system_id, id);
CREATE INDEX component_org ON component (org_id, id);

CREATE TABLE dependency (
  id                   text COLLATE "C" PRIMARY KEY,
  dependent_id         text COLLATE "C" NOT NULL REFERENCES asset (id),
  provider_id          text COLLATE "C" NOT NULL REFERENCES asset (id),
  -- the dependent's organisation records (and may edit) its dependencies
  org_id               text NOT NULL REFERENCES organisation (id),
  type                 text NOT NULL CHECK (type IN ('physical', 'cyber', 'geographic', 'logical')),
  service              text NOT NULL,
  time_to_impact_h     double precision NOT NULL DEFAULT 0 CHECK (time_to_impact_h >= 0),
  backup_kind          text NOT NULL DEFAULT 'none',
  backup_h             double precision NOT NULL DEFAULT 0 CHECK (backup_h >= 0),
  backup_h_low         double precision CHECK (backup_h_low >= 0),
  backup_h_high        double precision CHECK (backup_h_high >= 0),
  share_lost           double precision NOT NULL DEFAULT 1 CHECK (share_lost > 0 AND share_lost <= 1),
  recovery_h           double precision NOT NULL DEFAULT 0 CHECK (recovery_h >= 0),
  alternate_group      text,
  failure_probability  double precision NOT NULL DEFAULT 1 CHECK (failure_probability BETWEEN 0 AND 1),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (dependent_id <> provider_id)
);
CREATE INDEX dependency_dependent ON dependency (dependent_id);
CREATE INDEX dependency_provider ON dependency (provider_id);
CREATE INDEX dependency_org ON dependency (org_id, id);

-- Every register write appends here in the same transaction; engines holding the register in
-- memory read the changes after the last sequence number they applied.
CREATE TABLE register_change (
  seq     bigserial PRIMARY KEY,
  at      timestamptz NOT NULL DEFAULT now(),
  entity  text NOT NULL CHECK (entity IN ('organisation', 'asset', 'component', 'dependency')),
  id      text NOT NULL,
  op      text NOT NULL CHECK (op IN ('upsert', 'delete'))
);
`;
