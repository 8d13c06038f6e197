/**
 * The TokenDeskApi channel map: every call and event between a screen and the
 * core, typed once. Electron main, preload, the WebSocket bridge and its browser
 * client are all generated from these two objects; adding a call is one line here
 * plus its handler in src/core/service.
 *
 * Every request and reply is validated with these schemas where it crosses a
 * process boundary, in both directions. Requests are objects (`{}` when empty).
 */
import { z } from 'zod';
import { CardComparisonViewSchema, CardViewSchema, CardWhichSchema, DeviceInfoViewSchema, DiagnosisViewSchema } from './flow-views.js';
import { PortalAnswerSchema, PortalGrantSchema, PortalPromptsSchema } from './portal-view.js';
import { ChangeUserPinRequestSchema, PinChangedViewSchema, UnlockedViewSchema, UnlockRequestSchema } from './pin-care-views.js';
import { SettingsSchema, SettingsViewSchema } from './settings-view.js';
import { SlotViewSchema, TokenPresenceSchema } from './token-view.js';
import { LanguageSchema } from './user-message.js';
import { WizardProgressSchema, WizardViewSchema } from './wizard-view.js';

/** PINs are bounded here only against abuse; their rules (and the catalogue's words) live in src/core/pin. */
const PinText = z.string().max(64);
const Empty = z.object({}).strict();

function call<Q extends z.ZodType, R extends z.ZodType>(request: Q, response: R, doc: string) {
  return { request, response, doc };
}

export const requestChannels = {
  // Flow A — the storage wizard (one per app instance)
  getWizard: call(Empty, WizardViewSchema, 'The wizard as it stands, e.g. after a reload.'),
  detectToken: call(
    z.object({ withApplicationNo: z.boolean().optional() }).strict(),
    WizardViewSchema,
    'STEP1 → STEP2: one token present, and whom the CA says it is for (withApplicationNo after TD-CERT-ALREADY-STORED: the user has an application number for a renewal or reissue; STEP2 asks for it).',
  ),
  confirmUser: call(
    z.object({ applicationNo: z.string().max(32).optional() }).strict(),
    WizardViewSchema,
    'STEP2 → STEP3: the user says the shown person is them (or, when the view says applicationNoNeeded, gives the application number from the CA\'s mail).',
  ),
  submitStoragePin: call(
    z.object({ pin: PinText, confirmFinalTry: z.boolean().optional() }).strict(),
    WizardViewSchema,
    'STEP3 → STEP4: the 10-digit storage PIN, checked by the CA without spending it (confirmFinalTry after TD-CA-STORAGE-PIN-FINAL-TRY: use the last try).',
  ),
  submitUserPin: call(
    z.object({ newPin: PinText, confirmation: PinText, currentPin: PinText.optional(), confirmFinalTry: z.boolean().optional() }).strict(),
    WizardViewSchema,
    'STEP4 → STEP5: new user PIN twice (current PIN only when the CA holds no admin PIN; confirmFinalTry after TD-PIN-FINAL-TRY); then the token work.',
  ),
  cancelWizard: call(Empty, WizardViewSchema, 'Back to STEP1 from anywhere, forgetting every PIN typed.'),
  // Tokens
  listSlots: call(Empty, z.array(SlotViewSchema), 'Every slot of the configured PKCS#11 library and what it holds.'),
  // Settings
  getSettings: call(Empty, SettingsViewSchema, 'The settings, the library in use and the libraries detected.'),
  saveSettings: call(SettingsSchema, SettingsViewSchema, 'Replaces the settings (persisted, never a PIN); the wizard restarts at STEP1.'),
  saveLanguage: call(
    z.object({ language: LanguageSchema }).strict(),
    SettingsViewSchema,
    "The window's language switch, kept in the settings: the page is served in it from then on, and the tray and menu follow. Nothing else changes; the wizard goes on.",
  ),
  // Flow B, C, D (see flow-views.ts)
  readDeviceInfo: call(
    z.object({ userPin: PinText.optional(), confirmFinalTry: z.boolean().optional() }).strict(),
    DeviceInfoViewSchema,
    'Flow B: after the user PIN, the holder certificate, its status and the token health (confirmFinalTry: use the last try).',
  ),
  runDiagnosis: call(
    z.object({ userPin: PinText.optional(), confirmFinalTry: z.boolean().optional() }).strict(),
    DiagnosisViewSchema,
    'Flow C: every check, the verdict and the report to mail; the PIN state is read from flags, never by spending a try.',
  ),
  readCard: call(
    z.object({ which: CardWhichSchema, pin: PinText, confirmFinalTry: z.boolean().optional() }).strict(),
    CardViewSchema,
    'Flow D: read the card in the reader as the current or the new card (its PIN is used once and forgotten).',
  ),
  compareCards: call(Empty, CardComparisonViewSchema, 'Flow D: the current and new cards last read, side by side, with warnings or a refusal.'),
  // The device module: CA web pages asking through the portal API (src/device-module)
  answerPortalPrompt: call(PortalAnswerSchema, z.object({}), 'The user answers a page\'s prompt: allow once / always / deny, or the user PIN (kept in the core, never sent to the page).'),
  listPortalGrants: call(Empty, z.array(PortalGrantSchema), 'The origins allowed to use the token, with expiry and last use.'),
  revokePortalGrant: call(z.object({ origin: z.string().max(256) }).strict(), z.array(PortalGrantSchema), 'Takes an origin\'s permission away at once, also from its open connections.'),
  // Flow F — PIN care (see pin-care-views.ts)
  changeUserPin: call(ChangeUserPinRequestSchema, PinChangedViewSchema, 'Flow F: current user PIN, new one twice; the token policy first; confirmFinalTry after TD-PIN-FINAL-TRY.'),
  unlockToken: call(UnlockRequestSchema, UnlockedViewSchema, 'Flow F: the CA\'s one-time unlock code and a new user PIN twice; then the diagnosis again (confirmFinalTry after TD-PIN-FINAL-TRY: the SO PIN\'s last try).'),
} as const;

/**
 * Events. A `sticky` event describes a current state: a new listener is given the
 * latest payload at once (by the service to each new connection or window, and by
 * the clients to each new listener), so a screen never waits for the next change.
 */
export const eventChannels = {
  wizardState: { payload: WizardViewSchema, sticky: true, doc: 'Every change of the wizard, including a step timing out back to STEP1.' },
  wizardProgress: { payload: WizardProgressSchema, sticky: false, doc: 'STEP4 sub-steps as the token and CA work (start/end).' },
  tokenPresence: { payload: TokenPresenceSchema, sticky: true, doc: 'The tokens present; again whenever one is plugged in or pulled out (polled by the core).' },
  portalPrompts: { payload: PortalPromptsSchema, sticky: true, doc: 'The prompts CA web pages raised that wait for the user (access, PIN).' },
} as const;

export type RequestChannel = keyof typeof requestChannels;
export type EventChannel = keyof typeof eventChannels;
export type ChannelRequest<K extends RequestChannel> = z.infer<(typeof requestChannels)[K]['request']>;
export type ChannelResponse<K extends RequestChannel> = z.infer<(typeof requestChannels)[K]['response']>;
export type EventPayload<E extends EventChannel> = z.infer<(typeof eventChannels)[E]['payload']>;

export const REQUEST_CHANNELS = Object.keys(requestChannels) as RequestChannel[];
export const EVENT_CHANNELS = Object.keys(eventChannels) as EventChannel[];

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && Object.hasOwn(requestChannels, name);
}

export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && Object.hasOwn(eventChannels, name);
}

/** Electron IPC channel names (one namespace, so nothing else can collide). */
export const ipcRequestName = (channel: RequestChannel): string => `tokendesk:${channel}`;
export const ipcEventName = (channel: EventChannel): string => `tokendesk:event:${channel}`;
