/**
 * Flows B, C and D behind TokenDeskApi: each call opens what it needs under the
 * settings in effect (the PKCS#11 library, the CA for revocation and its clock),
 * hands the PIN to the core as a Secret, wipes it when the call ends, and answers
 * the core's result as its view. The rules are the cores'; this file only wires.
 *
 * The cards last read (never their PINs) are kept so compareCards can put them
 * side by side, as the e-bidding screens do after reading one card, then the other.
 */
import type { CardView, TokenDeskHandlers } from '../../api/index.js';
import type { CaClient } from '../ca-client/index.js';
import { compareCards, findCard, readCard, type CardDetails } from '../card/index.js';
import { readDeviceInfo } from '../device-info/index.js';
import { runDiagnosis } from '../diagnosis/index.js';
import { InputError, messageFor } from '../messages/index.js';
import { openModule } from '../pkcs11/index.js';
import { Secret } from '../secrets/secret.js';
import { validityStatus } from '../x509/index.js';
import { toCardComparisonView, toCardView, toDeviceInfoView, toDiagnosisView } from './flow-views.js';

export interface FlowContext {
  /** The PKCS#11 library the settings name; undefined: auto-detected. */
  /** The library in use (the set one, else the detected one holding a token); undefined: let openModule say none is found. */
  modulePath(): Promise<string | undefined>;
  /** A CA client when the settings name a CA, else undefined; the caller closes it. */
  openCa(): Promise<CaClient | undefined>;
  now?: () => Date;
}

export type FlowCalls = Pick<TokenDeskHandlers, 'readDeviceInfo' | 'runDiagnosis' | 'readCard' | 'compareCards'> & {
  /** Forgets the cards read (e.g. when the settings change). */
  forgetCards(): void;
};

export function createFlowCalls(context: FlowContext): FlowCalls {
  const pcNow = context.now ?? (() => new Date());
  const cards: Partial<Record<CardView['which'], CardDetails>> = {};

  const withCa = async <T>(work: (ca: CaClient | undefined) => Promise<T>): Promise<T> => {
    const ca = await context.openCa();
    try {
      return await work(ca);
    } finally {
      ca?.close();
    }
  };

  const withPin = async <T>(pin: string | undefined, work: (secret: Secret | undefined) => Promise<T>): Promise<T> => {
    const secret = pin === undefined ? undefined : new Secret(pin);
    try {
      return await work(secret);
    } finally {
      secret?.wipe();
    }
  };

  const module = async () => {
    const path = await context.modulePath();
    return path ? { modulePath: path } : {};
  };

  /** The CA's time where it answers (Nagasaki card-update manual: the server's clock decides), else the PC's; the CA is optional here. */
  const caTime = async (): Promise<{ now: Date; skewMinutes?: number }> => {
    try {
      return await withCa(async (ca) => {
        if (ca) await ca.caCertificates().catch(() => undefined);
        const clock = ca?.lastClock;
        if (!clock) return { now: pcNow() };
        const now = new Date(pcNow().getTime() - clock.skewMs);
        return clock.tooFar ? { now, skewMinutes: Math.round(Math.abs(clock.skewMs) / 60_000) } : { now };
      });
    } catch {
      return { now: pcNow() };
    }
  };

  return {
    readDeviceInfo: ({ userPin, confirmFinalTry }) =>
      withPin(userPin, (secret) =>
        withCa(async (ca) =>
          toDeviceInfoView(
            await readDeviceInfo({
              ...(await module()),
              userPin: secret,
              ...(ca ? { ca } : {}),
              ...(context.now ? { now: context.now } : {}),
              ...(confirmFinalTry ? { confirmFinalTry: true } : {}),
            }),
          ),
        ),
      ),

    runDiagnosis: ({ userPin, confirmFinalTry }) =>
      withPin(userPin, (secret) =>
        withCa(async (ca) =>
          toDiagnosisView(
            await runDiagnosis({
              ...(await module()),
              ...(secret ? { userPin: secret } : {}),
              ...(ca ? { ca } : {}),
              ...(context.now ? { now: context.now } : {}),
              ...(confirmFinalTry ? { confirmFinalTry: true } : {}),
            }),
          ),
        ),
      ),

    async readCard({ which, pin, confirmFinalTry }) {
      const secret = new Secret(pin);
      let details: CardDetails;
      try {
        const opened = await openModule(await context.modulePath());
        try {
          const other = which === 'new' ? cards.current?.cardSerial : cards.new?.cardSerial;
          const serial = await findCard(opened, other === undefined ? {} : { notSerial: other });
          details = await readCard(opened, serial, secret, { confirmFinalTry: confirmFinalTry === true });
        } finally {
          await opened.release();
        }
      } finally {
        secret.wipe();
      }
      cards[which] = details;
      const { now } = await caTime();
      return toCardView(which, details, validityStatus(details, now));
    },

    async compareCards() {
      const { current, new: next } = cards;
      if (!current || !next) throw new InputError({ code: 'TD-CARD-NOT-READ', message: 'compareCards before both cards were read' });
      const { now, skewMinutes } = await caTime();
      const comparison = compareCards(current, next, now);
      if (skewMinutes !== undefined) comparison.warnings.push(messageFor('TD-CLOCK-SKEW', { minutes: skewMinutes }));
      return toCardComparisonView(comparison);
    },

    forgetCards() {
      delete cards.current;
      delete cards.new;
    },
  };
}
