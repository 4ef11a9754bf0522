/**
 * API tokens: `bwk_` + 32 random bytes in base64url (43 characters). The prefix lets secret
 * scanners (GitHub push protection, gitleaks, trufflehog) recognise a leaked Bulwark token.
 * Only SHA-256(token) is stored: a token has 256 bits of entropy, so a fast unsalted hash is
 * enough (no dictionary to attack) and lets the store find it through a unique index. Looking
 * a token up by its hash leaks nothing useful through timing: an attacker cannot choose hashes.
 */
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'bwk_';
const TOKEN_RE = /^bwk_[A-Za-z0-9_-]{43}$/;

/** A new clear token. Show it once; store only tokenHash(token). */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** Whether a string has the shape of a Bulwark token (cheap pre-check before any lookup). */
export function isTokenFormat(s: unknown): s is string {
  return typeof s === 'string' && TOKEN_RE.test(s);
}

/** Lower-case hex SHA-256 of the whole token, prefix included. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** last_used_at is written at most this often per token (keeps authentication read-only). */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** Whether a token last used at `lastUsedAt` should have last_used_at written now. */
export function shouldTouch(lastUsedAt: Date | null, now: number): boolean {
  return lastUsedAt === null || now - lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS;
}
