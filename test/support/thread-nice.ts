/**
 * The nice value of each of this process's threads now (Linux: field 19 of
 * /proc/self/task/TID/stat, proc(5)) — how tests see that the CA's worker threads run
 * below the event loop (src/server/background-thread.ts).
 */
import { readdirSync } from 'node:fs';
import { statFields } from './proc-stat.js';

const NICE = 19 - 3;

export function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((tid) => Number(statFields(`/proc/self/task/${tid}/stat`)[NICE]));
}
