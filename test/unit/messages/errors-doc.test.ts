/**
 * docs/errors.md is generated from the catalogue (npm run docs:errors): this fails
 * when an entry, a reason table or a CA refusal changed and the document did not.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { catalogue } from '../../../src/core/messages/index.js';
import { ERRORS_DOC_PATH, renderErrorsDoc } from '../../../scripts/errors-doc.js';

it('docs/errors.md is what npm run docs:errors writes from the code (run it after changing a message)', () => {
  expect(readFileSync(ERRORS_DOC_PATH, 'utf8') === renderErrorsDoc(), 'docs/errors.md is stale: run `npm run docs:errors`').toBe(true);
});

it('lists every catalogue entry once', () => {
  const doc = renderErrorsDoc();
  for (const code of catalogue.keys()) expect(doc.split(`#### \`${code}\` (`).length - 1, code).toBe(1);
});
