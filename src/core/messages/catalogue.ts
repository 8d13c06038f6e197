import { APP_ENTRIES } from './entries/app.js';
import { APPLICATION_NUMBER_ENTRIES } from './entries/application-number.js';
import { CA_ENTRIES } from './entries/ca.js';
import { CERTIFICATE_ENTRIES } from './entries/certificate.js';
import { DIAGNOSIS_ENTRIES } from './entries/diagnosis.js';
import { IC_CARD_ENTRIES } from './entries/ic-card.js';
import { NETWORK_ENTRIES } from './entries/network.js';
import { PIN_INPUT_ENTRIES } from './entries/pin-input.js';
import { PORTAL_ENTRIES } from './entries/portal.js';
import { SEED_000_ENTRIES } from './entries/seed-000.js';
import { STORAGE_FLOW_ENTRIES } from './entries/storage-flow.js';
import { TOKEN_ENTRIES } from './entries/token.js';
import type { MessageEntry } from './message-entry.js';

/** The code of the entry every unmapped failure falls back to (seed 001: 19999 実行エラー). */
export const GENERIC_CODE = '19999';

const ALL: readonly MessageEntry[] = [
  ...SEED_000_ENTRIES,
  ...IC_CARD_ENTRIES,
  ...TOKEN_ENTRIES,
  ...PIN_INPUT_ENTRIES,
  ...CA_ENTRIES,
  ...APPLICATION_NUMBER_ENTRIES,
  ...NETWORK_ENTRIES,
  ...CERTIFICATE_ENTRIES,
  ...STORAGE_FLOW_ENTRIES,
  ...DIAGNOSIS_ENTRIES,
  ...APP_ENTRIES,
  ...PORTAL_ENTRIES,
];

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
