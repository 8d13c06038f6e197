// Test code: `node --import …/register.mjs main.js` makes the packaged main script's
// `import … from 'electron'` load the recording stand-in (electron.mjs), not Electron,
// whose binary cannot be had on these machines.
import { register } from 'node:module';

register('./resolve-electron.mjs', import.meta.url);
