import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSettings } from './settings.js';
import { isAppError } from '../errors.js';

test('defaults: embedded store in ./data, port 8080 on loopback', () => {
  const s = loadSettings({});
  assert.match(s.dataDir, /\/data$/);
  assert.equal(s.databaseUrl, undefined);
  assert.equal(s.port, 8080);
  assert.equal(s.host, '127.0.0.1');
});

test('every bad setting is named in one error', () => {
  assert.throws(() => loadSettings({ BULWARK_PORT: 'eighty', DATABASE_URL: 'mysql://x', BULWARK_LOG_LEVEL: 'loud' }), (e: unknown) => {
    assert.ok(isAppError(e));
    assert.equal(e.code, 'CONFIG_INVALID');
    assert.deepEqual(e.details.map((d) => d.path).sort(), ['BULWARK_LOG_LEVEL', 'BULWARK_PORT', 'DATABASE_URL']);
    assert.match(e.message, /BULWARK_PORT must be a whole number/);
    return true;
  });
});

test('a port out of range is refused', () => {
  assert.throws(() => loadSettings({ PORT: '70000' }), /PORT must be from 0 to 65535, got 70000/);
});
