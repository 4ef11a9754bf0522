import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isAppError } from '../errors.js';
import {
  DUMMY_HASH, PASSWORD_MIN_LENGTH, checkPasswordPolicy, dummyVerify, hashPassword, passwordNeedsRehash, verifyPassword,
} from './passwords.js';

function policyError(pw: unknown) {
  try {
    checkPasswordPolicy(pw);
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('passwords', () => {
  it('hashes with argon2id m=19456 t=2 p=1 and a fresh salt each time', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    assert.match(a, /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    assert.notEqual(a, b);
  });

  it('verifies the right password and rejects a wrong one', async () => {
    const h = await hashPassword('correct horse battery');
    assert.equal(await verifyPassword(h, 'correct horse battery'), true);
    assert.equal(await verifyPassword(h, 'correct horse batterY'), false);
  });

  it('treats a malformed stored hash as a mismatch instead of throwing', async () => {
    assert.equal(await verifyPassword('not-a-hash', 'correct horse battery'), false);
  });

  it('rejects a password shorter than 12 characters, naming the rule and the length', () => {
    const e = policyError('elevenchars');
    assert.ok(isAppError(e));
    assert.equal(e.code, 'VALIDATION_FAILED');
    assert.equal(e.status, 400);
    assert.equal(e.message, 'Password must be at least 12 characters long (it has 11).');
    assert.equal(e.details[0]?.path, 'password');
  });

  it('accepts exactly 12 characters and counts code points, not UTF-16 units', () => {
    assert.equal(policyError('twelve chars'), undefined);
    assert.equal(PASSWORD_MIN_LENGTH, 12);
    // 6 emoji = 12 UTF-16 units but only 6 characters
    const e = policyError('😀😀😀😀😀😀');
    assert.ok(isAppError(e));
    assert.match(e.message, /it has 6/);
  });

  it('refuses to hash a password that breaks the policy', async () => {
    await assert.rejects(hashPassword('short'), (e) => isAppError(e) && e.code === 'VALIDATION_FAILED');
  });

  it('keeps the dummy hash on the current parameters so unknown users cost the same as known ones', async () => {
    assert.equal(passwordNeedsRehash(DUMMY_HASH), false);
    assert.equal(await dummyVerify('anything at all here'), false);
  });

  it('spends comparable time on a dummy verify as on a real one', async () => {
    const h = await hashPassword('correct horse battery');
    const time = async (f: () => Promise<unknown>) => {
      const t = process.hrtime.bigint();
      for (let i = 0; i < 5; i++) await f();
      return Number(process.hrtime.bigint() - t);
    };
    const real = await time(() => verifyPassword(h, 'wrong password here'));
    const dummy = await time(() => dummyVerify('wrong password here'));
    // Same algorithm and parameters: the ratio should be near 1; allow generous noise.
    assert.ok(dummy > real / 3 && dummy < real * 3, `real ${real} ns vs dummy ${dummy} ns`);
  });

  it('flags hashes made with other parameters for rehashing', () => {
    assert.equal(passwordNeedsRehash('$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG'), true);
  });
});
