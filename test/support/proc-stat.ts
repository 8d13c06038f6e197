/**
 * /proc/PID/stat (or /proc/PID/task/TID/stat) read the one safe way: split after the
 * command name, which sits in parentheses and may itself hold spaces. proc(5) numbers the
 * fields from 1 (pid) and 2 (comm); in what this returns, field n is at index n - 3.
 */
import { readFileSync } from 'node:fs';

export function statFields(path: string): string[] {
  const stat = readFileSync(path, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}
