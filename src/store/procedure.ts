/**
 * Optional capability of an adapter: run a whole transaction where the database is, in one
 * exchange. The embedded store's database runs in a worker thread; a transaction of several
 * statements driven from the main thread costs a message each way per statement, each waiting for
 * both threads to be scheduled. A procedure (an exported function `(tx, ...args) => Promise<T>` of
 * a module) runs instead inside the worker, in one transaction, with its arguments and result
 * cloned across (structured clone: plain data only).
 */
import type { Queryable } from './db.js';

export interface ProcedureRunner {
  /** Runs `moduleUrl`'s export `name` as `name(tx, ...args)` in one transaction; commits unless it throws. */
  runProcedure<T>(moduleUrl: string, name: string, args: unknown[]): Promise<T>;
}

export type Procedure = (tx: Queryable, ...args: never[]) => Promise<unknown>;

/** True when `db` can run procedures where its database is. */
export function canRunProcedures<D extends object>(db: D): db is D & ProcedureRunner {
  return typeof (db as Partial<ProcedureRunner>).runProcedure === 'function';
}
