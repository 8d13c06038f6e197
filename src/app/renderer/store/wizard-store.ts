/**
 * The storage wizard as the screen holds it: the core's WizardView (pushed by the
 * wizardState event and returned by each call), the STEP4 sub-steps seen so far,
 * and whether a call is under way. PINs never enter this store: the step forms
 * hold them only until they are sent.
 */
import { create } from 'zustand';
import type { Reply, UserMessage, WizardProgress, WizardView } from '../../../api/index.js';
import { requireApi } from './connection-store.js';

interface WizardStore {
  view: WizardView | undefined;
  progress: WizardProgress[];
  /** A call is on its way (before the core's 'working' state arrives). */
  sending: boolean;
  /** A failure of the call itself (the bridge gone), as the catalogue's message. */
  callError: UserMessage | undefined;
  setView(view: WizardView): void;
  addProgress(event: WizardProgress): void;
  detectToken(): Promise<void>;
  confirmUser(applicationNo?: string): Promise<void>;
  submitStoragePin(pin: string): Promise<void>;
  submitUserPin(newPin: string, confirmation: string, currentPin?: string): Promise<void>;
  cancel(): Promise<void>;
}

export const useWizard = create<WizardStore>((set, get) => {
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
  return {
    view: undefined,
    progress: [],
    sending: false,
    callError: undefined,
    setView(view) {
      // A new piece of work starts a fresh progress list.
      const starting = view.status === 'working' && get().view?.status !== 'working';
      set({ view, ...(starting || view.step === 1 ? { progress: [] } : {}) });
    },
    addProgress: (event) => set((state) => ({ progress: [...state.progress, event] })),
    detectToken: () => run(() => requireApi().detectToken({})),
    confirmUser: (applicationNo) => run(() => requireApi().confirmUser(applicationNo !== undefined ? { applicationNo } : {})),
    submitStoragePin: (pin) => run(() => requireApi().submitStoragePin({ pin })),
    submitUserPin: (newPin, confirmation, currentPin) =>
      run(() => requireApi().submitUserPin({ newPin, confirmation, ...(currentPin !== undefined ? { currentPin } : {}) })),
    cancel: () => run(() => requireApi().cancelWizard({})),
  };
});
