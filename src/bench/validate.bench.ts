/**
 * Benchmark of the STIX 2.1 object validator: generates a deterministic mix of 200,000 typical
 * objects (indicators, malware, relationships, attack patterns with kill-chain phases and external
 * references, identities, threat actors, ipv4-addr, domain-name, url, file with hashes), parses them
 * from JSON as ingestion would, and reports validated objects per second on one core.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/validate.bench.js [count]
 */
import { validateObject } from '../stix/validate/index.js';
import { mulberry32 } from '../demo/prng.js';

const COUNT = Number(process.argv[2] ?? 200_000);


const rand = mulberry32(20240601);
const hexChars = '0123456789abcdef';
function hex(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += hexChars[Math.floor(rand() * 16)];
  return s;
}
function uuid(version: 4 | 5): string {
  return `${hex(8)}-${hex(4)}-${version}${hex(3)}-${'89ab'[Math.floor(rand() * 4)]}${hex(3)}-${hex(12)}`;
}
function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)] as T;
}
function ts(): string {
  const d = new Date(Date.UTC(2015, 0, 1) + Math.floor(rand() * 3e11));
  return d.toISOString();
}
function ipv4(): string {
  return `${1 + Math.floor(rand() * 222)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.${1 + Math.floor(rand() * 254)}`;
}

const identity = `identity--${uuid(4)}`;
const tlp = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';

function common(type: string): Record<string, unknown> {
  const created = ts();
  return {
    type,
    spec_version: '2.1',
    id: `${type}--${uuid(4)}`,
    created,
    modified: created,
    created_by_ref: identity,
    object_marking_refs: [tlp],
  };
}

function indicator(): unknown {
  const o = common('indicator');
  const ip = ipv4();
  const pat = rand() < 0.5
    ? `[ipv4-addr:value = '${ip}']`
    : `[file:hashes.'SHA-256' = '${hex(64)}'] OR [domain-name:value = 'evil${hex(6)}.example.com']`;
  return {
    ...o, name: `C2 ${ip}`, description: 'Known command-and-control endpoint', indicator_types: ['malicious-activity'],
    pattern: pat, pattern_type: 'stix', pattern_version: '2.1', valid_from: o.created,
    kill_chain_phases: [{ kill_chain_name: 'lockheed-martin-cyber-kill-chain', phase_name: 'command-and-control' }],
  };
}

function malware(): unknown {
  return {
    ...common('malware'), name: `Trojan.${hex(6)}`, is_family: true, malware_types: [pick(['trojan', 'backdoor', 'ransomware'])],
    description: 'Remote access trojan', capabilities: ['communicates-with-c2'],
  };
}

function attackPattern(): unknown {
  return {
    ...common('attack-pattern'), name: 'Spearphishing Attachment', description: 'Adversaries may send spearphishing emails.',
    kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'initial-access' }],
    external_references: [
      { source_name: 'mitre-attack', external_id: `T${1000 + Math.floor(rand() * 600)}.001`, url: 'https://attack.mitre.org/techniques/T1566/001' },
      { source_name: 'capec', external_id: `CAPEC-${Math.floor(rand() * 600)}` },
    ],
  };
}

function relationship(): unknown {
  return {
    ...common('relationship'), relationship_type: 'indicates', source_ref: `indicator--${uuid(4)}`, target_ref: `malware--${uuid(4)}`,
  };
}

function identityObj(): unknown {
  return { ...common('identity'), name: `Org ${hex(4)}`, identity_class: 'organization', sectors: ['energy'] };
}

function threatActor(): unknown {
  return {
    ...common('threat-actor'), name: `APT ${hex(3)}`, threat_actor_types: ['nation-state'], aliases: [`Group ${hex(3)}`],
    roles: ['agent'], sophistication: 'advanced', resource_level: 'government', primary_motivation: 'organizational-gain',
  };
}

function ipv4Addr(): unknown {
  return { type: 'ipv4-addr', spec_version: '2.1', id: `ipv4-addr--${uuid(5)}`, value: ipv4() };
}

function domainName(): unknown {
  return { type: 'domain-name', spec_version: '2.1', id: `domain-name--${uuid(5)}`, value: `host${hex(5)}.example.org` };
}

function url(): unknown {
  return { type: 'url', spec_version: '2.1', id: `url--${uuid(5)}`, value: `https://example.net/${hex(10)}/payload.bin` };
}

function file(): unknown {
  return {
    type: 'file', spec_version: '2.1', id: `file--${uuid(5)}`, name: `invoice-${hex(4)}.pdf.exe`, size: Math.floor(rand() * 1e6),
    hashes: { MD5: hex(32), 'SHA-1': hex(40), 'SHA-256': hex(64) }, mime_type: 'application/x-msdownload',
  };
}

const MIX: [number, () => unknown][] = [
  [20, indicator], [15, relationship], [12, ipv4Addr], [10, file], [10, malware], [10, attackPattern],
  [8, domainName], [6, url], [5, identityObj], [4, threatActor],
];
const TOTAL = MIX.reduce((s, [w]) => s + w, 0);

function generate(n: number): unknown[] {
  const json: string[] = [];
  for (let i = 0; i < n; i++) {
    let r = rand() * TOTAL;
    let make = MIX[0]?.[1] as () => unknown;
    for (const [w, f] of MIX) {
      if (r < w) {
        make = f;
        break;
      }
      r -= w;
    }
    json.push(JSON.stringify(make()));
  }
  return JSON.parse(`[${json.join(',')}]`) as unknown[];
}

const objects = generate(COUNT);

// Warm-up on a slice so the measured run is representative of a long-running ingest process.
for (let i = 0; i < Math.min(20_000, objects.length); i++) validateObject(objects[i]);

let invalid = 0;
const t0 = process.hrtime.bigint();
for (let i = 0; i < objects.length; i++) {
  if (validateObject(objects[i]).length > 0) invalid++;
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const rate = Math.round(objects.length / seconds);
console.log(
  `validateObject: ${objects.length} objects in ${seconds.toFixed(3)} s = ${rate.toLocaleString('en-US')} objects/s` +
    ` (${invalid} invalid)`,
);
if (invalid > 0) {
  const sample = objects.find((o) => validateObject(o).length > 0);
  console.log('first invalid object:', JSON.stringify(sample), validateObject(sample));
  process.exitCode = 1;
}
