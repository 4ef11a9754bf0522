/** Worker thread of the Monte Carlo (monte-carlo.ts): runs its range of runs and replies once. */
import { parentPort, workerData } from 'node:worker_threads';
import { runRange, type WorkerTask } from './monte-carlo.js';
import { Propagator } from './propagate.js';
import { runSeed } from './rng.js';

const task = workerData as WorkerTask;
const reply = runRange(task, runSeed, (g, c) => new Propagator(g, c));
parentPort!.postMessage(reply, [reply.assetsLost.buffer as ArrayBuffer, reply.people.buffer as ArrayBuffer, reply.frequency.buffer as ArrayBuffer]);
