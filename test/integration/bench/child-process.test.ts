/**
 * A bench's child that exits before reading its input must not take the bench down
 * (issue 12 item 14: `npm run bench -- --quick` died of an unhandled EPIPE writing
 * the PIN to `tokendesk info`, which had already failed on a missing library).
 */
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../bench/child-process.js';

// More than a pipe holds (64 KiB on Linux): the write is still pending when the child is gone, so EPIPE is certain.
const LARGE_INPUT = 'x'.repeat(4 * 1024 * 1024);
const EXIT_AT_ONCE = ['-e', 'process.exit(3)'];

describe('bench child processes', () => {
  it('runProcess reports a child that exits without reading its input, instead of crashing on EPIPE', async () => {
    for (let i = 0; i < 3; i++) {
      const run = await runProcess(process.execPath, EXIT_AT_ONCE, { cwd: tmpdir(), env: process.env }, LARGE_INPUT);
      expect(run.code).toBe(3);
    }
  });

  it('still gives a child that reads its input all of it', async () => {
    const run = await runProcess(process.execPath, ['-e', "let n=0;process.stdin.on('data',(d)=>n+=d.length).on('end',()=>console.log(n))"], { cwd: tmpdir(), env: process.env }, LARGE_INPUT);
    expect([run.code, Number(run.stdout.trim())]).toEqual([0, LARGE_INPUT.length]);
  });
});
