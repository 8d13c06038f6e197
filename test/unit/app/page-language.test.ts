/** The page as Electron's protocol handler and the bridge serve it: in the settings' language. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { inlineScriptHashes, inlineStyleHashes } from '../../../src/app/main/content-security-policy.js';
import { pageInLanguage } from '../../../src/app/main/page-language.js';
import { REPO_ROOT } from '../../support/ca-server.js';

const source = readFileSync(join(REPO_ROOT, 'src/app/renderer/index.html'), 'utf8');

it('names the language in the root element and nowhere else', () => {
  const english = pageInLanguage(source, 'en');
  expect(english).toContain('<html lang="en">');
  expect(english).not.toContain('<html lang="ja">');
  expect(english.replace('<html lang="en">', '<html lang="ja">')).toBe(source);
  expect(pageInLanguage(english, 'ja')).toBe(source);
});

it('leaves what the CSP allows by hash as it is', () => {
  const page = '<!doctype html><html lang="ja"><head><style>p{color:red}</style></head><body><script>void 0</script></body></html>';
  const english = pageInLanguage(page, 'en');
  expect(inlineStyleHashes(english)).toEqual(inlineStyleHashes(page));
  expect(inlineScriptHashes(english)).toEqual(inlineScriptHashes(page));
});

it('refuses a page without a root element to name it in', () => {
  expect(() => pageInLanguage('<!doctype html><body></body>', 'en')).toThrow(/<html lang/);
});
