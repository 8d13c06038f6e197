/**
 * Flow F (PIN care) behind TokenDeskApi: the PINs and the unlock code become Secrets
 * for the core and are wiped when the call ends, whatever happens; the CA is the one the
 * settings name (unlocking needs it; changing the PIN does not).
 */
import type { TokenDeskHandlers } from '../../api/index.js';
import { changeUserPin, unlockToken } from '../pin-care/index.js';
import { Secret } from '../secrets/secret.js';
import type { FlowContext } from './flow-calls.js';
import { toDiagnosisView } from './flow-views.js';

export type PinCareCalls = Pick<TokenDeskHandlers, 'changeUserPin' | 'unlockToken'>;

async function withSecrets<T>(values: string[], work: (secrets: Secret[]) => Promise<T>): Promise<T> {
  const secrets = values.map((value) => new Secret(value));
  try {
    return await work(secrets);
  } finally {
    for (const secret of secrets) secret.wipe();
  }
}

export function createPinCareCalls(context: FlowContext): PinCareCalls {
  // The library the settings name, or the detected one that holds the token (as Flows B–D).
  const module = async () => {
    const path = await context.modulePath();
    return path ? { modulePath: path } : {};
  };
  return {
    changeUserPin: ({ currentPin, newPin, confirmation, serial, confirmFinalTry }) =>
      withSecrets([currentPin, newPin, confirmation], async ([current, next, again]) =>
        changeUserPin({ ...(await module()), ...(serial ? { serial } : {}), currentPin: current!, newPin: next!, confirmation: again!, ...(confirmFinalTry ? { confirmFinalTry: true } : {}) }),
      ),

    unlockToken: ({ unlockCode, newPin, confirmation, serial, confirmFinalTry }) =>
      withSecrets([unlockCode, newPin, confirmation], async ([code, next, again]) => {
        const ca = await context.openCa();
        try {
          const unlocked = await unlockToken({ ...(await module()), ...(serial ? { serial } : {}), unlockCode: code!, newPin: next!, confirmation: again!, ca, ...(confirmFinalTry ? { confirmFinalTry: true } : {}), ...(context.now ? { now: context.now } : {}) });
          return { serial: unlocked.serial, reported: unlocked.reported, diagnosis: toDiagnosisView(unlocked.diagnosis) };
        } finally {
          ca?.close();
        }
      }),
  };
}
