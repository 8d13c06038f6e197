/**
 * One session of calls through the sim under valgrind (native/test/driver.c): no
 * invalid access and no definite leak may involve libetokensim.so. Errors that are
 * entirely SoftHSM's or OpenSSL's are not the sim's to fix and are not counted.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { createEtokenSim, ETOKEN_SIM_DRIVER, type EtokenSim } from '../../support/etoken-sim.js';

let sim: EtokenSim;
beforeAll(() => {
  sim = createEtokenSim({ tokens: 2, setProcessEnv: false });
});
afterAll(() => sim.cleanup());

it('runs a session of calls with no invalid access and no leak from the sim', () => {
  const xml = join(sim.softhsm.root, 'valgrind.xml');
  const [token] = sim.tokens;
  if (!token) throw new Error('no token');
  const run = spawnSync(
    'valgrind',
    ['--xml=yes', `--xml-file=${xml}`, '--leak-check=full', '--show-leak-kinds=definite', '--track-origins=yes', ETOKEN_SIM_DRIVER, sim.modulePath, token.userPin],
    { env: { ...sim.env, SIM_CONTROL: sim.controlCommand }, encoding: 'utf8', timeout: 120_000 },
  );
  if (run.error) throw new Error(`valgrind could not run (Debian: apt-get install valgrind): ${run.error.message}`);
  // The driver checks every answer; a failed check means the sim misbehaved, not only leaked.
  expect(run.stdout).toContain('0 failure(s)');
  expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);

  const report = readFileSync(xml, 'utf8');
  expect(report).toContain('</valgrindoutput>'); // the run finished and reported
  const errors = report.split('<error>').slice(1).map((block) => block.split('</error>')[0] ?? '');
  const ours = errors.filter((block) => /<obj>[^<]*(libetokensim\.so|sim-driver)<\/obj>/u.test(block));
  const summary = ours.map((block) => `${/<kind>(.*?)<\/kind>/u.exec(block)?.[1]}: ${/<text>(.*?)<\/text>/u.exec(block)?.[1] ?? /<what>(.*?)<\/what>/u.exec(block)?.[1]}`);
  expect(summary).toEqual([]);
}, 180_000);
