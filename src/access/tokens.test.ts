import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateToken, isTokenFormat, shouldTouch, tokenHash } from './tokens.js';
import { LoginRateLimiter, retryAfterSeconds } from './rate-limit.js';
import { isAppError } from '../errors.js';

describe('tokens', () => {
  it('are bwk_ plus 43 base64url characters (32 random bytes) and differ each time', () => {
    const a = generateToken();
    const b = generateToken();
    assert.match(a, /^bwk_[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(a.slice(4), 'base64url').length, 32);
    assert.notEqual(a, b);
    assert.equal(isTokenFormat(a), true);
  });

  it('reject strings of the wrong shape before any lookup', () => {
    assert.equal(isTokenFormat('bwk_short'), false);
    assert.equal(isTokenFormat(`xyz_${'a'.repeat(43)}`), false);
    assert.equal(isTokenFormat(undefined), false);
  });

  it('are stored as the lower-case hex SHA-256 of the whole token', () => {
    assert.equal(tokenHash('bwk_test'), '0de3fa8f715fbde078c82cce5b6fa602c72003530011bd88f129262577e5a38d'); // printf 'bwk_test' | sha256sum
    assert.match(tokenHash(generateToken()), /^[0-9a-f]{64}$/);
    assert.equal(tokenHash('bwk_x'), tokenHash('bwk_x'));
  });

  it('write last_used_at at most once a minute', () => {
    const now = Date.parse('2025-01-01T12:00:00Z');
    assert.equal(shouldTouch(null, now), true);
    assert.equal(shouldTouch(new Date(now - 59_000), now), false);
    assert.equal(shouldTouch(new Date(now - 60_000), now), true);
  });
});

describe('login rate limiter', () => {
  it('allows N attempts per key per minute, then throws RATE_LIMITED with a retry-after', () => {
    let t = 1_000_000;
    const rl = new LoginRateLimiter(3, 60_000, () => t);
    for (let i = 0; i < 3; i++) {
      rl.begin('alice\u0000203.0.113.9');
      t += 1000;
    }
    let err: unknown;
    try {
      rl.begin('alice\u0000203.0.113.9');
    } catch (e) {
      err = e;
    }
    assert.ok(isAppError(err));
    assert.equal(err.code, 'RATE_LIMITED');
    assert.equal(err.status, 429);
    assert.equal(retryAfterSeconds(err), 57); // first attempt at t0, now t0+3 s
    assert.match(err.message, /try again in 57 seconds/);
    // another client address is not affected
    rl.begin('alice\u0000198.51.100.7');
    // the window slides: once the first attempt is a minute old, one more is allowed
    t = 1_000_000 + 60_001;
    rl.begin('alice\u0000203.0.113.9');
  });

  it('forgets failures after a success', () => {
    const rl = new LoginRateLimiter(2, 60_000, () => 5);
    rl.begin('k');
    rl.begin('k');
    rl.succeed('k');
    assert.equal(rl.failures('k'), 0);
    rl.begin('k');
  });
});
