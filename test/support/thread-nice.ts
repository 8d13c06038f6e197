/**
 * The nice value of each of this process's threads now (Linux: field 19 of
 * /proc/self/task/TID/stat, proc(5)) — how tests see that the CA's worker threads run
 * below the event loop (src/server/background-thread.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';

export function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // After the command name (in parentheses, which may hold spaces) field n is at index n - 3.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19 - 3]);
  });
}
