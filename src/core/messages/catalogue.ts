import { APP_ENTRIES } from './entries/app.js';
import { APPLICATION_NUMBER_ENTRIES } from './entries/application-number.js';
import { CA_ENTRIES } from './entries/ca.js';
import { CERTIFICATE_ENTRIES } from './entries/certificate.js';
import { DIAGNOSIS_ENTRIES } from './entries/diagnosis.js';
import { IC_CARD_ENTRIES } from './entries/ic-card.js';
import { NETWORK_ENTRIES } from './entries/network.js';
import { PIN_CARE_ENTRIES } from './entries/pin-care.js';
import { PIN_INPUT_ENTRIES } from './entries/pin-input.js';
import { PORTAL_ENTRIES } from './entries/portal.js';
import { CA_MANUAL_ENTRIES } from './entries/ca-manual.js';
import { STORAGE_FLOW_ENTRIES } from './entries/storage-flow.js';
import { TOKEN_ENTRIES } from './entries/token.js';
import type { MessageEntry } from './message-entry.js';

/** The code of the entry every unmapped failure falls back to (Pension e-bidding manual: 19999 実行エラー). */
export const GENERIC_CODE = '19999';

/**
 * The catalogue's parts, each with the title docs/errors.md gives it: the one list
 * of entries files, so a new file is added here and nowhere else.
 */
export const CATALOGUE_SECTIONS: ReadonlyArray<{ title: string; entries: readonly MessageEntry[] }> = [
  { title: 'The CA manual’s message list (§12.1)', entries: CA_MANUAL_ENTRIES },
  { title: 'IC cards (Pension e-bidding manual §6.2)', entries: IC_CARD_ENTRIES },
  { title: 'Tokens and the PKCS#11 library', entries: TOKEN_ENTRIES },
  { title: 'PINs refused before anything is sent or spent', entries: PIN_INPUT_ENTRIES },
  { title: 'PIN care: change, unlock and the token’s own PIN policy', entries: PIN_CARE_ENTRIES },
  { title: 'What the CA answered', entries: CA_ENTRIES },
  { title: 'Storing by application number (a token the CA did not provision)', entries: APPLICATION_NUMBER_ENTRIES },
  { title: 'Network, TLS and clocks', entries: NETWORK_ENTRIES },
  { title: 'Certificates', entries: CERTIFICATE_ENTRIES },
  { title: 'The storage wizard', entries: STORAGE_FLOW_ENTRIES },
  { title: 'Diagnosis and card comparison', entries: DIAGNOSIS_ENTRIES },
  { title: 'The app and its API', entries: APP_ENTRIES },
  { title: 'CA web pages through the device module (portal API)', entries: PORTAL_ENTRIES },
];

const ALL: readonly MessageEntry[] = CATALOGUE_SECTIONS.flatMap((section) => section.entries);

function index(entries: readonly MessageEntry[]): ReadonlyMap<string, MessageEntry> {
  const byCode = new Map<string, MessageEntry>();
  for (const item of entries) {
    // A duplicated code would make one entry silently shadow another: fail at load.
    if (byCode.has(item.code)) throw new Error(`error catalogue: duplicate code ${item.code}`);
    byCode.set(item.code, Object.freeze(item));
  }
  return byCode;
}

/** Every error the product can show, by code. */
export const catalogue: ReadonlyMap<string, MessageEntry> = index(ALL);
