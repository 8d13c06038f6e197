/**
 * The core's objects made into the API's plain views (src/api): errors become
 * catalogue messages, dates become numbers or ISO text, Buffers base64. The
 * schemas check the result again where it leaves the process.
 */
import type { ClockReading } from '../ca-client/index.js';
import { toUserError } from '../messages/index.js';
import type { SlotState, TokenInfo } from '../pkcs11/index.js';
import type { WizardState } from '../storage/index.js';
import type { TokenPresence as CoreTokenPresence } from '../pkcs11/index.js';
import type { SlotView, TokenPresence, TokenView, WizardView } from '../../api/index.js';

export function toTokenView(token: TokenInfo): TokenView {
  return { ...token };
}

export function toSlotView(slot: SlotState): SlotView {
  return {
    slotId: slot.slotId,
    description: slot.description,
    present: slot.present,
    ...(slot.token ? { token: toTokenView(slot.token) } : {}),
    ...(slot.error ? { error: toUserError(slot.error) } : {}),
  };
}

export function toPresenceView(presence: CoreTokenPresence): TokenPresence {
  return { serials: [...presence.serials], slots: presence.slots.map(toSlotView) };
}

function toClockView(reading: ClockReading): NonNullable<WizardView['clockWarning']> {
  return { serverTime: reading.serverTime.toISOString(), pcTime: reading.pcTime.toISOString(), skewMs: reading.skewMs, tooFar: reading.tooFar };
}

export function toWizardView(state: WizardState): WizardView {
  return {
    step: state.step,
    status: state.status,
    ...(state.deadline !== undefined ? { deadline: state.deadline } : {}),
    ...(state.stepLimitMs !== undefined ? { stepLimitMs: state.stepLimitMs } : {}),
    ...(state.token ? { token: toTokenView(state.token) } : {}),
    ...(state.applicationNoNeeded ? { applicationNoNeeded: true } : {}),
    ...(state.target ? { target: { ...state.target } } : {}),
    ...(state.attemptsLeft !== undefined ? { attemptsLeft: state.attemptsLeft } : {}),
    ...(state.error !== undefined ? { error: toUserError(state.error) } : {}),
    ...(state.clockWarning ? { clockWarning: toClockView(state.clockWarning) } : {}),
    ...(state.result ? { result: { ...state.result } } : {}),
  };
}
