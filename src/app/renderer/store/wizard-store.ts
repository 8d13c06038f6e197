/**
 * The storage wizard as the screen holds it: the core's WizardView (pushed by the
 * wizardState event and returned by each call), the STEP4 sub-steps seen so far,
 * and whether a call is under way. PINs never enter the store's state: the step forms
 * hold them only until they are sent, and the exceptions — the STEP4 PINs kept while
 * the user is asked whether to use the current PIN's last try, and the STEP3 storage PIN
 * kept while asked whether to use the CA's last try — live in closures, dropped on
 * either answer.
 */
import { create } from 'zustand';
import type { Reply, UserMessage, WizardProgress, WizardView } from '../../../api/index.js';
import { requireApi } from './connection-store.js';
import { refusedOnAnyFinalTry } from '../components/final-try.js';

interface WizardStore {
  view: WizardView | undefined;
  progress: WizardProgress[];
  /** A call is on its way (before the core's 'working' state arrives). */
  sending: boolean;
  /** A failure of the call itself (the bridge gone), as the catalogue's message. */
  callError: UserMessage | undefined;
  setView(view: WizardView): void;
  addProgress(event: WizardProgress): void;
  /** STEP1; `withApplicationNo` after TD-CERT-ALREADY-STORED: the user has a renewal's or reissue's application number. */
  detectToken(options?: { withApplicationNo?: boolean }): Promise<void>;
  confirmUser(applicationNo?: string): Promise<void>;
  submitStoragePin(pin: string): Promise<void>;
  submitUserPin(newPin: string, confirmation: string, currentPin?: string): Promise<void>;
  /** The core refused STEP4 on the current PIN's final try (nothing spent): the user is being asked. */
  finalTryAsked: boolean;
  /** The user's answer: use the last try (send the kept PINs again, confirmed), or not (forget every PIN: back to STEP1). */
  answerFinalTry(useLastTry: boolean): Promise<void>;
  /** The CA refused STEP3's storage PIN on its final try (nothing checked or counted): the user is being asked. */
  storageFinalTryAsked: boolean;
  /** The user's answer: use the CA's last try (send the kept PIN again, confirmed), or not (forget it, stay at STEP3). */
  answerStorageFinalTry(useLastTry: boolean): Promise<void>;
  cancel(): Promise<void>;
}

type Step4Pins = { newPin: string; confirmation: string; currentPin?: string };

export const useWizard = create<WizardStore>((set, get) => {
  let keptForFinalTry: Step4Pins | undefined;
  let storagePinKept: string | undefined;
  const askingStorageFinalTry = (view: WizardView | undefined): boolean =>
    view?.step === 3 && view.status === 'input' && view.error?.code === 'TD-CA-STORAGE-PIN-FINAL-TRY';
  const run = async (call: () => Promise<Reply<WizardView>>): Promise<void> => {
    if (get().sending) return;
    set({ sending: true, callError: undefined });
    try {
      const reply = await call();
      if (reply.ok) get().setView(reply.value);
      else set({ callError: reply.error });
    } finally {
      set({ sending: false });
    }
  };
  const sendUserPin = async (pins: Step4Pins, confirmFinalTry: boolean): Promise<void> => {
    keptForFinalTry = undefined;
    set({ finalTryAsked: false });
    await run(() => requireApi().submitUserPin({ ...pins, ...(confirmFinalTry ? { confirmFinalTry: true } : {}) }));
    const view = get().view;
    if (!confirmFinalTry && view?.step === 4 && view.status === 'input' && refusedOnAnyFinalTry(view.error)) {
      keptForFinalTry = pins;
      set({ finalTryAsked: true });
    }
  };
  const sendStoragePin = async (pin: string, confirmFinalTry: boolean): Promise<void> => {
    storagePinKept = undefined;
    set({ storageFinalTryAsked: false });
    await run(() => requireApi().submitStoragePin({ pin, ...(confirmFinalTry ? { confirmFinalTry: true } : {}) }));
    if (!confirmFinalTry && askingStorageFinalTry(get().view)) {
      storagePinKept = pin;
      set({ storageFinalTryAsked: true });
    }
  };
  return {
    view: undefined,
    progress: [],
    sending: false,
    callError: undefined,
    setView(view) {
      // A new piece of work starts a fresh progress list.
      const starting = view.status === 'working' && get().view?.status !== 'working';
      set({ view, ...(starting || view.step === 1 ? { progress: [] } : {}) });
      // Whatever else the wizard does meanwhile (a timeout back to STEP1, a cancel), the
      // question is over and the PINs kept for it go.
      if (keptForFinalTry && !(view.step === 4 && view.status === 'input' && refusedOnAnyFinalTry(view.error))) {
        keptForFinalTry = undefined;
        set({ finalTryAsked: false });
      }
      if (storagePinKept !== undefined && !askingStorageFinalTry(view)) {
        storagePinKept = undefined;
        set({ storageFinalTryAsked: false });
      }
    },
    addProgress: (event) => set((state) => ({ progress: [...state.progress, event] })),
    detectToken: (options) => run(() => requireApi().detectToken(options?.withApplicationNo ? { withApplicationNo: true } : {})),
    confirmUser: (applicationNo) => run(() => requireApi().confirmUser(applicationNo !== undefined ? { applicationNo } : {})),
    submitStoragePin: (pin) => sendStoragePin(pin, false),
    submitUserPin: (newPin, confirmation, currentPin) => sendUserPin({ newPin, confirmation, ...(currentPin !== undefined ? { currentPin } : {}) }, false),
    finalTryAsked: false,
    async answerFinalTry(useLastTry) {
      const kept = keptForFinalTry;
      keptForFinalTry = undefined;
      set({ finalTryAsked: false });
      if (useLastTry && kept) await sendUserPin(kept, true);
      else await run(() => requireApi().cancelWizard({}));
    },
    storageFinalTryAsked: false,
    async answerStorageFinalTry(useLastTry) {
      const kept = storagePinKept;
      storagePinKept = undefined;
      set({ storageFinalTryAsked: false });
      // No: the PIN is forgotten and STEP3 waits, its words still shown, for the user to check the mail.
      if (useLastTry && kept !== undefined) await sendStoragePin(kept, true);
    },
    cancel: () => run(() => requireApi().cancelWizard({})),
  };
});
