/**
 * The core behind TokenDeskApi: one storage wizard per service instance, the
 * token watcher, and the settings. Electron main and the bridge hold one of these
 * and only forward to it (through dispatch.ts); the rules live in the wizard and
 * the other cores, this object only wires them to the settings in effect.
 *
 * The PKCS#11 library and the CA client are opened on first need and rebuilt
 * when the settings change, so a wrong library path is an error on a screen, not
 * a crash at start.
 */
import {
  eventChannels,
  type PortalAnswer,
  type PortalGrant,
  type PortalPrompts,
  type EventChannel, type EventPayload, type Settings, type SettingsView, type TokenDeskEvents, type TokenDeskHandlers, type Unsubscribe, type WizardView } from '../../api/index.js';
import { connectCa, type CaClient } from '../ca-client/index.js';
import { InputError, toUserError } from '../messages/index.js';
import { chooseModule, detectModules, locateModule, openModule, watchTokens, type LocatedModule, type Pkcs11Module } from '../pkcs11/index.js';
import { StorageWizard, type StepClock } from '../storage/index.js';
import { createFlowCalls } from './flow-calls.js';
import { createPinCareCalls } from './pin-care-calls.js';
import { DEFAULT_SETTINGS, defaultSettingsFile, loadSettings, saveSettings } from './settings-store.js';
import { toPresenceView, toSlotView, toWizardView } from './views.js';

export interface TokenDeskServiceOptions {
  /** The settings to start with; default: those persisted in `settingsFile`. */
  settings?: Settings;
  /** Where settings persist; `false`: never written (tests, the demo). Default: the user's config dir. */
  settingsFile?: string | false;
  /** The wizard's clock (tests make five minutes pass at once). */
  clock?: StepClock;
  stepTimeoutMs?: number;
  /** How long STEP4 keeps asking while the CA answers 202 (awaiting approval). */
  approvalWaitMs?: number;
  presenceIntervalMs?: number;
  caTimeoutMs?: number;
  /** The device module's prompts and grants (src/device-module), when this process hosts one. */
  portalDesk?: PortalDeskPort;
}

/**
 * The slice of the device module TokenDesk's own window drives: answering the
 * prompts CA pages raise, and the list of allowed origins. Defined here so the core
 * service does not depend on the device module; the module's desk implements it.
 */
export interface PortalDeskPort {
  answer(answer: PortalAnswer): void;
  grants(): PortalGrant[];
  revoke(origin: string): void;
  subscribePrompts(listener: (prompts: PortalPrompts) => void): Unsubscribe;
}

export type TokenDeskService = TokenDeskHandlers &
  TokenDeskEvents & {
    /**
     * The settings in effect, as they are: unlike getSettings, no library is looked for
     * (the auto-detected one, the files of the known ones) — for a host that serves the
     * page in their language or names the device module's library on each request.
     */
    currentSettings(): Settings;
    /** Stops the watcher and the wizard's clock, releases the library. */
    close(): Promise<void>;
  };

interface Wiring {
  module: Pkcs11Module;
  ca: CaClient;
  wizard: StorageWizard;
}

export async function createTokenDeskService(options: TokenDeskServiceOptions = {}): Promise<TokenDeskService> {
  const settingsFile = options.settingsFile === false ? undefined : (options.settingsFile ?? defaultSettingsFile());
  let settings: Settings = options.settings ?? (settingsFile ? await loadSettings(settingsFile) : { ...DEFAULT_SETTINGS });
  const listeners = new Map<EventChannel, Set<(payload: never) => void>>();
  let wiring: Promise<Wiring> | undefined;
  let stopPresence: (() => void) | undefined;
  let presenceModule: Pkcs11Module | undefined;
  let generation = 0;
  /** The latest payload of each sticky event, given to every new subscriber. */
  const latest = new Map<EventChannel, unknown>();

  const emit = <E extends EventChannel>(event: E, payload: EventPayload<E>): void => {
    if (eventChannels[event].sticky) latest.set(event, payload);
    for (const listener of listeners.get(event) ?? []) (listener as (payload: EventPayload<E>) => void)(payload);
  };

  /**
   * The library in use: the one the settings name, else — like the command line —
   * the detected library that holds a token (OpenSC is found first on a machine that
   * also has SoftHSM2 or SAC), looked for once per settings.
   */
  let autoModule: Promise<LocatedModule | undefined> | undefined;
  const autoChosen = (): Promise<LocatedModule | undefined> => {
    autoModule ??= chooseModule().then(
      (choice) => ({ path: choice.path, vendor: choice.vendor, source: choice.source === 'environment' ? 'environment' : 'detected' }),
      () => undefined,
    );
    return autoModule;
  };
  const modulePath = async (): Promise<string | undefined> => settings.modulePath ?? (await autoChosen())?.path;

  const openCa = (): Promise<CaClient> => connectCa({ url: settings.caUrl, trustFile: settings.caTrustPath, pins: settings.caPins, timeoutMs: options.caTimeoutMs });

  const build = async (): Promise<Wiring> => {
    const ca = await openCa();
    let module: Pkcs11Module;
    try {
      module = await openModule(await modulePath());
    } catch (error) {
      ca.close();
      throw error;
    }
    const wizard = new StorageWizard({
      module,
      ca,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.stepTimeoutMs ? { stepTimeoutMs: options.stepTimeoutMs } : {}),
      ...(options.approvalWaitMs ? { approvalWaitMs: options.approvalWaitMs } : {}),
    });
    wizard.on('state', (state) => emit('wizardState', toWizardView(state)));
    wizard.on('progress', (event) => emit('wizardProgress', { ...event }));
    emit('wizardState', toWizardView(wizard.current));
    return { module, ca, wizard };
  };

  /** The wiring (library, CA client, wizard), built on first need; a failed build is not kept, so fixing the settings (or plugging in) retries. */
  const current = (): Promise<Wiring> => {
    if (!wiring) {
      const building = build();
      wiring = building;
      building.catch(() => {
        if (wiring === building) wiring = undefined;
      });
    }
    return wiring;
  };

  const teardown = async (): Promise<void> => {
    generation += 1;
    stopPresence?.();
    stopPresence = undefined;
    latest.delete('tokenPresence');
    if (presenceModule) await presenceModule.release();
    presenceModule = undefined;
    const old = wiring;
    wiring = undefined;
    const built = await old?.catch(() => undefined);
    if (built) {
      built.wizard.cancel();
      built.wizard.dispose();
      built.ca.close();
      await built.module.release();
    }
  };

  /** A wizard action; when there is no wizard to act on (no CA set, no library), STEP1 with the reason. */
  const withWizard = async (act: (wizard: StorageWizard) => unknown): Promise<WizardView> => {
    let built: Wiring;
    try {
      built = await current();
    } catch (error) {
      const view: WizardView = { step: 1, status: 'input', error: toUserError(error) };
      emit('wizardState', view);
      return view;
    }
    await act(built.wizard);
    return toWizardView(built.wizard.current);
  };

  /** Token presence is polled only while someone listens. */
  const startPresence = async (): Promise<void> => {
    const mine = generation;
    let module: Pkcs11Module;
    try {
      module = await openModule(await modulePath());
    } catch {
      return; // the settings screen and STEP1 say why
    }
    if (mine !== generation || stopPresence || (listeners.get('tokenPresence')?.size ?? 0) === 0) {
      await module.release();
      return;
    }
    presenceModule = module;
    stopPresence = watchTokens(module, (presence) => emit('tokenPresence', toPresenceView(presence)), {
      ...(options.presenceIntervalMs ? { intervalMs: options.presenceIntervalMs } : {}),
    });
  };

  const stopPresenceIfIdle = async (): Promise<void> => {
    if ((listeners.get('tokenPresence')?.size ?? 0) > 0) return;
    latest.delete('tokenPresence');
    stopPresence?.();
    stopPresence = undefined;
    const module = presenceModule;
    presenceModule = undefined;
    await module?.release();
  };

  const located = async (): Promise<LocatedModule | undefined> => {
    if (!settings.modulePath) return autoChosen();
    try {
      return locateModule(settings.modulePath);
    } catch {
      return undefined;
    }
  };

  const currentSettings = (): Settings => ({ ...settings, caPins: [...settings.caPins] });
  const settingsView = async (): Promise<SettingsView> => {
    const module = await located();
    return {
      settings: currentSettings(),
      ...(module ? { module } : {}),
      detectedModules: detectModules(),
    };
  };

  const desk = (): PortalDeskPort => {
    if (!options.portalDesk) throw new InputError({ code: 'TD-PORTAL-NOT-RUNNING', message: 'no device module in this process' });
    return options.portalDesk;
  };
  // The prompts reach every window as a sticky event: a reloaded page still sees what waits.
  const stopPrompts = options.portalDesk?.subscribePrompts((prompts) => emit('portalPrompts', prompts));

  // Flows B, C, D: the CA is optional there (revocation and its clock are then `unknown` / the PC's).
  const flows = createFlowCalls({
    modulePath,
    openCa: async () => (settings.caUrl ? openCa() : undefined),
  });
  const pinCare = createPinCareCalls({
    modulePath,
    openCa: async () => (settings.caUrl ? openCa() : undefined),
  });

  return {
    getWizard: () => withWizard(() => undefined),
    detectToken: ({ withApplicationNo }) => withWizard((wizard) => wizard.detectToken(withApplicationNo ? { withApplicationNo: true } : {})),
    confirmUser: ({ applicationNo }) => withWizard((wizard) => wizard.confirmUser(applicationNo)),
    submitStoragePin: ({ pin, confirmFinalTry }) => withWizard((wizard) => wizard.submitStoragePin(pin, confirmFinalTry ? { confirmFinalTry: true } : {})),
    submitUserPin: ({ newPin, confirmation, currentPin, confirmFinalTry }) =>
      withWizard((wizard) => wizard.submitUserPin(newPin, confirmation, currentPin, confirmFinalTry ? { confirmFinalTry } : {})),
    cancelWizard: () => withWizard((wizard) => wizard.cancel()),

    async listSlots() {
      const module = await openModule(await modulePath());
      try {
        return (await module.listSlots()).map(toSlotView);
      } finally {
        await module.release();
      }
    },

    getSettings: async () => settingsView(),
    currentSettings,
    async saveSettings(next) {
      if (settingsFile) await saveSettings(settingsFile, next);
      settings = { ...next, caPins: [...next.caPins] };
      autoModule = undefined;
      flows.forgetCards();
      await teardown();
      if ((listeners.get('tokenPresence')?.size ?? 0) > 0) void startPresence();
      // A fresh wizard at STEP1 under the new settings (or STEP1 with the reason it cannot start).
      await withWizard(() => undefined);
      return settingsView();
    },
    async saveLanguage({ language }) {
      // Only the language: the library, the CA and the wizard in progress stay as they are.
      const next = { ...settings, language };
      if (settingsFile) await saveSettings(settingsFile, next);
      settings = next;
      return settingsView();
    },

    readDeviceInfo: (request) => flows.readDeviceInfo(request),
    runDiagnosis: (request) => flows.runDiagnosis(request),
    readCard: (request) => flows.readCard(request),
    compareCards: (request) => flows.compareCards(request),
    changeUserPin: (request) => pinCare.changeUserPin(request),
    unlockToken: (request) => pinCare.unlockToken(request),

    async answerPortalPrompt(answer) {
      desk().answer(answer);
      return {};
    },
    listPortalGrants: async () => options.portalDesk?.grants() ?? [],
    async revokePortalGrant({ origin }) {
      desk().revoke(origin);
      return desk().grants();
    },

    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      if (latest.has(event)) {
        const replay = latest.get(event) as EventPayload<typeof event>;
        queueMicrotask(() => set.has(listener as (payload: never) => void) && listener(replay));
      }
      if (event === 'tokenPresence' && set.size === 1) void startPresence();
      return (() => {
        set.delete(listener as (payload: never) => void);
        if (event === 'tokenPresence') void stopPresenceIfIdle();
      }) satisfies Unsubscribe;
    },

    async close() {
      stopPrompts?.();
      listeners.clear();
      await teardown();
    },
  };
}
