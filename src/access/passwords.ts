/**
 * Password hashing: argon2id via the `argon2` package (libargon2, run on libuv's thread pool).
 *
 * Parameters: m = 19456 KiB (19 MiB), t = 2, p = 1 — the first configuration the OWASP Password
 * Storage Cheat Sheet recommends for argon2id. Chosen over the package defaults (64 MiB, t = 3,
 * p = 4) because this is a server hashing on request: 19 MiB per hash keeps memory bounded when
 * many logins arrive at once (each in-flight hash holds its full memory), and p = 1 because
 * parallelism across requests already comes from the thread pool. A verify costs ~20 ms here.
 * Stored hashes carry their own parameters (PHC string), so raising them later only needs
 * `needsRehash` on the next successful login.
 */
import argon2 from 'argon2';
import { errors } from '../errors.js';

export const PASSWORD_PARAMS = Object.freeze({
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
});

export const PASSWORD_MIN_LENGTH = 12;
/** Upper bound so a request cannot make the server pre-hash megabytes. */
export const PASSWORD_MAX_LENGTH = 1024;

/**
 * A hash of a random, discarded password made with PASSWORD_PARAMS. Verifying against it costs
 * the same as verifying a real user's password, so a login for an unknown user name takes as
 * long as one for a known user (see dummyVerify). A test keeps its parameters equal to PASSWORD_PARAMS.
 */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,p=1,t=2$RV9UdpOpTz9nZbq/5TWPTg$bdDsgpqr7gPLTWQ3eC4n+k7edWXXVQpQKJN3Zp4vKfI';

/** Throws VALIDATION_FAILED naming the rule the password breaks. Length counts Unicode code points. */
export function checkPasswordPolicy(password: unknown): asserts password is string {
  if (typeof password !== 'string') {
    throw errors.validation('Password must be a string.', [{ path: 'password', message: 'must be a string' }]);
  }
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    const message = `Password must be at least ${PASSWORD_MIN_LENGTH} characters long (it has ${length}).`;
    throw errors.validation(message, [{ path: 'password', message: `must be at least ${PASSWORD_MIN_LENGTH} characters` }]);
  }
  if (length > PASSWORD_MAX_LENGTH) {
    const message = `Password must be at most ${PASSWORD_MAX_LENGTH} characters long (it has ${length}).`;
    throw errors.validation(message, [{ path: 'password', message: `must be at most ${PASSWORD_MAX_LENGTH} characters` }]);
  }
}

/** Checks the policy, then returns an argon2id PHC string (salt included). */
export async function hashPassword(password: string): Promise<string> {
  checkPasswordPolicy(password);
  return argon2.hash(password, PASSWORD_PARAMS);
}

/** True when `password` matches `hash`. A malformed hash verifies as false, never throws. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  if (typeof password !== 'string' || password.length > PASSWORD_MAX_LENGTH * 4) return false;
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/**
 * Spends the time of one verification and returns false. Call it when the user is unknown,
 * disabled or has no password, so response timing does not reveal which user names exist.
 */
export async function dummyVerify(password: string): Promise<false> {
  await verifyPassword(DUMMY_HASH, typeof password === 'string' ? password : '');
  return false;
}

/** True when a stored hash was made with other parameters than PASSWORD_PARAMS (rehash on login). */
export function passwordNeedsRehash(hash: string): boolean {
  try {
    return argon2.needsRehash(hash, PASSWORD_PARAMS);
  } catch {
    return true;
  }
}
