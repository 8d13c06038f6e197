/**
 * Writes docs/errors.md from the message catalogue (src/core/messages), the
 * reason-to-entry tables beside each error class, and the reference CA's
 * refusals (src/server/server-error.ts). `npm run docs:errors` writes it;
 * test/unit/messages/errors-doc.test.ts fails when the file and the code differ.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogue, CA_ERROR_CODES, NETWORK_ERROR_CODES, TOKEN_ERROR_CODES, X509_ERROR_CODES, type Localized, type MessageEntry } from '../src/core/messages/index.js';
import { APP_ENTRIES } from '../src/core/messages/entries/app.js';
import { CA_MANUAL_ENTRIES } from '../src/core/messages/entries/ca-manual.js';
import { CA_ENTRIES } from '../src/core/messages/entries/ca.js';
import { CERTIFICATE_ENTRIES } from '../src/core/messages/entries/certificate.js';
import { DIAGNOSIS_ENTRIES } from '../src/core/messages/entries/diagnosis.js';
import { IC_CARD_ENTRIES } from '../src/core/messages/entries/ic-card.js';
import { NETWORK_ENTRIES } from '../src/core/messages/entries/network.js';
import { PIN_INPUT_ENTRIES } from '../src/core/messages/entries/pin-input.js';
import { PORTAL_ENTRIES } from '../src/core/messages/entries/portal.js';
import { STORAGE_FLOW_ENTRIES } from '../src/core/messages/entries/storage-flow.js';
import { TOKEN_ENTRIES } from '../src/core/messages/entries/token.js';
import { serverErrors, type ServerError } from '../src/server/server-error.js';

export const ERRORS_DOC_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'errors.md');

const SECTIONS: ReadonlyArray<[title: string, entries: readonly MessageEntry[]]> = [
  ['The CA manual’s message list (§12.1)', CA_MANUAL_ENTRIES],
  ['IC cards (Pension e-bidding manual §6.2)', IC_CARD_ENTRIES],
  ['Tokens and the PKCS#11 library', TOKEN_ENTRIES],
  ['PINs refused before anything is sent or spent', PIN_INPUT_ENTRIES],
  ['What the CA answered', CA_ENTRIES],
  ['Network, TLS and clocks', NETWORK_ENTRIES],
  ['Certificates', CERTIFICATE_ENTRIES],
  ['The storage wizard', STORAGE_FLOW_ENTRIES],
  ['Diagnosis and card comparison', DIAGNOSIS_ENTRIES],
  ['The app and its API', APP_ENTRIES],
  ['CA web pages through the device module (portal API)', PORTAL_ENTRIES],
];

/** The source documents' numbers in `seedRef`, by the names docs/architecture.md cites them with. */
const DOCUMENTS: Readonly<Record<string, string>> = {
  '000': 'CA manual',
  '001': 'Pension e-bidding manual',
  '002': 'Aomori e-bidding manual',
  '003': 'Nagasaki card-update manual',
  '004': 'Ise e-bidding manual',
};

/**
 * Arguments that show a refusal's placeholders where naming the parameter is not
 * enough (a list); every other refusal gets each parameter as `{name}`, usable both
 * as text and as a ja/en pair.
 */
const SERVER_SAMPLES: Readonly<Partial<Record<keyof typeof serverErrors, readonly unknown[]>>> = {
  methodNotAllowed: [['{methods}']],
};

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
const source = (seedRef: string): string => seedRef.replace(/\b00[0-4]\b/g, (no) => DOCUMENTS[no] ?? no);

function entryBlock(entry: MessageEntry): string {
  const row = (label: string, words: Localized) => `| ${label} | ${cell(words.ja)} | ${cell(words.en)} |`;
  return [
    `#### \`${entry.code}\` (${entry.severity})`,
    '',
    '| | 日本語 | English |',
    '|---|---|---|',
    row('message', entry.text),
    row('cause', entry.cause),
    row('remedy', entry.remedy),
    ...(entry.seedRef ? ['', `Source: ${source(entry.seedRef)}.`] : []),
    '',
  ].join('\n');
}

function reasonTable(title: string, table: Readonly<Record<string, string>>): string {
  const rows = Object.entries(table).map(([reason, code]) => `| \`${reason}\` | \`${code}\` |`);
  return [`### ${title}`, '', '| `code` (reason) | catalogue code |', '|---|---|', ...rows, ''].join('\n');
}

/** `{name}` for each parameter of `make`, as text and as a Localized pair at once. */
function placeholdersFor(make: (...values: unknown[]) => unknown): unknown[] {
  // `(a, b) =>` or, as the TypeScript loader may emit it, `a =>`.
  const match = /^\s*(?:\(([^)]*)\)|([\w$]+)\s*=>)/.exec(make.toString());
  const parameters = match?.[1] ?? match?.[2] ?? '';
  return parameters
    .split(',')
    .map((parameter) => parameter.split('=')[0]!.trim())
    .filter((name) => name !== '' && !/=/.test(name))
    .slice(0, make.length)
    .map((name) => {
      const shown = `{${name}}`;
      return { ja: shown, en: shown, toString: () => shown };
    });
}

function serverRefusals(): string {
  const rows = Object.entries(serverErrors).map(([name, factory]) => {
    const make = factory as (...values: unknown[]) => ServerError;
    const error = make(...(SERVER_SAMPLES[name as keyof typeof serverErrors] ?? placeholdersFor(make)));
    return `| \`${error.code}\` | ${error.status} | ${cell(error.text.ja)}<br>${cell(error.text.en)} | ${cell(error.remedy.ja)}<br>${cell(error.remedy.en)} |`;
  });
  return ['| code | HTTP | message | remedy |', '|---|---|---|---|', ...rows, ''].join('\n');
}

export function renderErrorsDoc(): string {
  const covered = new Set(SECTIONS.flatMap(([, entries]) => entries.map((entry) => entry.code)));
  const others = [...catalogue.values()].filter((entry) => !covered.has(entry.code));
  const sections = [...SECTIONS, ...(others.length > 0 ? [['Other entries', others] as const] : [])];
  return [
    '# Errors',
    '',
    '<!-- Generated by `npm run docs:errors` (scripts/errors-doc.ts) from src/core/messages and src/server/server-error.ts.',
    '     Do not edit by hand: test/unit/messages/errors-doc.test.ts fails when this file and the code differ. -->',
    '',
    'Every failure TokenDesk can show, in the words it shows them: the message, its cause and the remedy, in Japanese and English. Nothing here ever carries a PIN.',
    '',
    '## Two kinds of code',
    '',
    '- **The catalogue code** is public: `TD-…` for TokenDesk’s own entries, or the number a source manual gives (`01006`, `19999`). It is what a screen, the CLI and a helpdesk report show, what a user quotes, and `UserMessage.code` over the API. One code, one entry below.',
    '- **The reason** is internal: the camelCase `code` of a thrown `TokenError`, `CaError`, `NetworkError` or `X509Error` (`pinLocked`, `storagePinIncorrect`). Programs branch on it; several reasons may share one entry (`pinLength` and `pinInvalid` both read `TD-PIN-REJECTED-BY-TOKEN`). Each class maps its reasons to entries in one table, beside the reasons’ type, listed below.',
    '- `InputError` and `StorageError` are exactly one entry each: their `code` is the catalogue code.',
    '- Every error extends `CodedError` (src/core/messages/coded-error.ts): `code`, `catalogueCode` (the entry) and `messageParams` (the values for its `{placeholders}`), built from one options object. `toUserError` turns anything thrown into its entry; anything unknown becomes `19999` with its raw code.',
    '- The reference CA’s refusals (`ServerError`, last section) are the CA protocol’s: camelCase codes on the wire in `error.code` (docs/ca-protocol.md). The client reads them as `CaError` reasons.',
    '',
    '`{name}` is a value filled in when the message is made; a `[[…]]` segment is shown only when all of its values are known.',
    '',
    '## Reasons and their entries',
    '',
    reasonTable('TokenError (src/core/pkcs11/token-error.ts)', TOKEN_ERROR_CODES),
    reasonTable('CaError (src/core/messages/errors.ts)', CA_ERROR_CODES),
    reasonTable('NetworkError (src/core/messages/errors.ts)', NETWORK_ERROR_CODES),
    reasonTable('X509Error (src/core/x509/x509-error.ts)', X509_ERROR_CODES),
    reasonTable('StepTimeoutError (src/core/messages/errors.ts)', { stepTimeout: 'TD-STEP-TIMEOUT' }),
    '## The catalogue',
    '',
    ...sections.flatMap(([title, entries]) => [`### ${title}`, '', ...entries.map(entryBlock)]),
    '## The reference CA’s refusals',
    '',
    'What src/server answers (JSON `error` body on /api/v1, text on EST) and the operator CLI prints. Token provisioning (`tokendesk ca token provision`) adds `soPinIncorrect`, `soPinLocked`, `tokenNotFound`, `moduleNotFound` and `tokenFailure` (src/server/token-provisioning.ts).',
    '',
    serverRefusals(),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(ERRORS_DOC_PATH, renderErrorsDoc());
  process.stdout.write(`wrote ${ERRORS_DOC_PATH}\n`);
}
