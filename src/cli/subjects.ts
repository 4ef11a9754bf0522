/** Resolving a user name to the Subject the policy applies, for CLI commands acting "as" a user. */
import { errors } from '../errors.js';
import { findUserByUsername, subjectOf } from '../access/user-repository.js';
import type { Subject } from '../access/policy.js';
import type { AppServices } from '../app.js';

export async function repoSubjectByUsername(app: AppServices, username: string): Promise<Subject> {
  const u = await findUserByUsername(app.db, username.trim().toLowerCase());
  if (!u) throw errors.notFound(`User "${username}"`);
  return subjectOf(u);
}
