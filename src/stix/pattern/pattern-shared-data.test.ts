/**
 * Patterns from the shared STIX data set (shared/data/stix): the OASIS example bundles, and the indicator
 * instances of the OASIS validator's own test cases with that validator's verdicts. Skips, saying why, when
 * the data is not there. Location: $BULWARK_SHARED_DATA, else ../shared/data beside the repository.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { validatePattern } from './index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const sharedData = process.env.BULWARK_SHARED_DATA ?? join(repoRoot, '../shared/data');
const stixDir = join(sharedData, 'stix');

function jsonFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) jsonFiles(p, out);
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}

interface Indicator {
  type: 'indicator';
  pattern?: unknown;
  pattern_type?: unknown;
}

function indicatorsIn(value: unknown, out: Indicator[] = []): Indicator[] {
  if (Array.isArray(value)) {
    for (const v of value) indicatorsIn(v, out);
  } else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.type === 'indicator') out.push(o as unknown as Indicator);
    for (const v of Object.values(o)) indicatorsIn(v, out);
  }
  return out;
}

test('every stix pattern in the OASIS example bundles is valid', (t) => {
  const dir = join(stixDir, 'examples');
  if (!existsSync(dir)) {
    t.skip(`shared data not found at ${dir} (set BULWARK_SHARED_DATA)`);
    return;
  }
  let count = 0;
  for (const file of jsonFiles(dir)) {
    for (const ind of indicatorsIn(JSON.parse(readFileSync(file, 'utf8')))) {
      if (typeof ind.pattern !== 'string' || (ind.pattern_type ?? 'stix') !== 'stix') continue;
      const r = validatePattern(ind.pattern);
      assert.ok(r.ok, `${file}: ${ind.pattern}: ${r.ok ? '' : r.message}`);
      count++;
    }
  }
  assert.ok(count >= 40, `only ${count} patterns found`);
});

/**
 * The OASIS validator rejects a pattern under its default options with "Pattern failed to validate" and a
 * grammar error ("Error found at") or a bad type/property name; other pattern messages in the file come from
 * non-default strict options (custom prefixes) and are not rules of the specification.
 */
const DEFAULT_RULE = /Error found at|is not a valid observable (type|property) name/;

test('agrees with the OASIS validator verdicts on the patterns of its test cases', (t) => {
  const file = join(stixDir, 'validator-v21-cases.jsonl');
  if (!existsSync(file)) {
    t.skip(`shared data not found at ${file} (set BULWARK_SHARED_DATA)`);
    return;
  }
  const verdicts = new Map<string, boolean>(); // pattern -> rejected by a default rule
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line) as { instance: unknown; errors: string[] };
    const patternErrors = c.errors.filter((e) => e.includes('Pattern failed to validate'));
    for (const ind of indicatorsIn(c.instance)) {
      if (typeof ind.pattern !== 'string' || ind.pattern_type !== 'stix') continue;
      const rejected = patternErrors.some((e) => DEFAULT_RULE.test(e));
      verdicts.set(ind.pattern, (verdicts.get(ind.pattern) ?? false) || rejected);
    }
  }
  assert.ok(verdicts.size >= 10, `only ${verdicts.size} distinct patterns found`);
  let rejections = 0;
  for (const [pattern, rejected] of verdicts) {
    const r = validatePattern(pattern);
    assert.equal(!r.ok, rejected, `${pattern}: OASIS ${rejected ? 'rejects' : 'accepts'}, we ${r.ok ? 'accept' : `reject: ${r.message}`}`);
    if (rejected) rejections++;
  }
  assert.ok(rejections >= 3, 'the data has rejected patterns to compare on');
});
