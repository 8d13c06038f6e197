// Builds the eToken simulator with the machine's C compiler (`npm run build:native`):
// native/build/libetokensim.so, plus the small driver the valgrind test runs.
// No node-gyp: the module is plain C with no Node dependency, and one cc call is all it takes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'build');
const cc = process.env.CC ?? 'cc';
const warnings = ['-Wall', '-Wextra', '-Werror', '-Wno-unused-parameter'];
const common = ['-std=c11', '-D_GNU_SOURCE', '-O2', '-g', '-fno-omit-frame-pointer', ...warnings];

function run(args) {
  try {
    execFileSync(cc, args, { stdio: 'inherit' });
  } catch (error) {
    const missing = error instanceof Error && 'code' in error && error.code === 'ENOENT';
    console.error(
      missing
        ? `build:native: no C compiler "${cc}". Install one (Debian: apt-get install build-essential) or set CC.`
        : `build:native: ${cc} failed; see the messages above.`,
    );
    process.exit(1);
  }
}

mkdirSync(out, { recursive: true });
const sources = readdirSync(join(here, 'src'))
  .filter((name) => name.endsWith('.c'))
  .map((name) => join(here, 'src', name));
run([...common, '-fPIC', '-shared', '-fvisibility=hidden', '-o', join(out, 'libetokensim.so'), ...sources, '-ldl', '-lpthread']);
run([...common, '-o', join(out, 'sim-driver'), join(here, 'test', 'driver.c'), '-ldl']);
console.log(`build:native: ${join(out, 'libetokensim.so')}`);
