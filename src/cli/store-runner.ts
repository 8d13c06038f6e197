/**
 * Drives the storage wizard (src/core/storage) from the terminal: the CLI only
 * asks, shows and passes on; every rule lives in the wizard.
 */
import { clockSkewNotice } from '../core/ca-client/index.js';
import { CaError, InputError } from '../core/messages/errors.js';
import { formatUserError, inLanguage, phraseFor, toUserError, type Language, type UserMessage } from '../core/messages/index.js';
import { openModule, TokenError } from '../core/pkcs11/index.js';
import { checkGivenApplicationNo, DONE_MESSAGE, STEP_TITLES, StorageWizard, type StorageStep, type WizardState } from '../core/storage/index.js';
import { ISSUANCE_KIND_WORDS, PROGRESS_WORDS } from '../core/storage/storage-steps.js';
import { chosenModulePath } from './chosen-module.js';
import { openCaClient } from './open-ca-client.js';
import { languageOf, type StoreOptions } from './options.js';
import { SecretInput } from './secret-input.js';

const say = (text: string) => process.stderr.write(`${text}\n`);

export async function runStore(options: StoreOptions): Promise<number> {
  const lang = languageOf(options);
  if (!lang) return 2;
  const outcome: StoreOutcome = {};
  // --json: a script reads the outcome from stdout, a failure as well as STEP5 (as info and diagnose do).
  const printFailure = (failure: StoreOutcome['failure']) => options.json && failure && process.stdout.write(`${JSON.stringify(inLanguage(failure, lang), null, 2)}\n`);
  let code: number;
  try {
    code = await storeAtTerminal(options, lang, outcome);
  } catch (error) {
    // Refused outside the wizard's steps (--ca, --ca-trust, the library): runCli words it on stderr.
    printFailure({ error: toUserError(error) });
    throw error;
  }
  if (code !== 0) printFailure(outcome.failure);
  return code;
}

/** The last failure the wizard reported: the one a run that ends unsuccessfully ended on. */
interface StoreOutcome {
  failure?: { step?: number; tokenSerial?: string | undefined; error: UserMessage };
}

async function storeAtTerminal(options: StoreOptions, lang: Language, outcome: StoreOutcome): Promise<number> {
  const estOnly = options.estUser !== undefined;
  if (estOnly && !options.subject) {
    say(phraseFor('estNeedsSubject')[lang]);
    return 2;
  }
  // RFC 7617: a Basic user-id cannot hold a colon (the CA would read the rest as the
  // password) nor control characters; refused before anything is asked or sent.
  if (estOnly && [...options.estUser!].some((ch) => ch === ':' || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) {
    say(phraseFor('estUserForm')[lang]);
    return 2;
  }
  const input = new SecretInput(Boolean(options.pinsFromStdin));
  // The CA first: a --ca or --ca-trust that cannot be used is refused before the token's library is loaded.
  const ca = await openCaClient(options);
  const module = await openModule(await chosenModulePath(options.module, lang)).catch((error: unknown) => {
    ca.close();
    throw error;
  });
  const wizard = new StorageWizard({
    module,
    ca,
    ...(estOnly ? { profile: { kind: 'estOnly' as const, estUser: options.estUser!, subject: options.subject! } } : {}),
  });
  const heading = (step: StorageStep) => say(`\nSTEP${step} ${STEP_TITLES[step][lang]}`);
  wizard.on('progress', (event) => {
    if (event.phase === 'start' && !options.json) say(`  … ${PROGRESS_WORDS[event.progress][lang]}`);
  });
  const failed = (state: WizardState): boolean => {
    if (state.error === undefined) return false;
    const message = toUserError(state.error);
    say(formatUserError(message, lang));
    outcome.failure = { step: state.step, tokenSerial: state.token?.serial, error: message };
    return true;
  };
  // The terminal may wait longer than a step's limit for the user: the wizard has then gone
  // back to STEP1 with TD-STEP-TIMEOUT, and that is what the user is told (what they typed
  // late is never sent) — not the action refused as out of step.
  const stillAt = (step: StorageStep): boolean => {
    const now = wizard.current;
    return (now.step === step && now.status === 'input') || !failed(now);
  };

  try {
    // EST-only: the current user PIN comes first on stdin (documented order).
    let currentPin = estOnly ? await input.read(phraseFor('askCurrentUserPin')[lang]) : undefined;

    heading(1);
    // --application-no: the user said which application, so a token that already holds a
    // certificate is not refused as already stored (a renewal or reissue tied to no token).
    let state = await wizard.detectToken(options.applicationNo !== undefined ? { withApplicationNo: true } : {});
    if (failed(state)) return 1;
    say(`  token ${state.token?.serial} (${state.token?.model})`);

    heading(2);
    const isThisYou = async (): Promise<boolean> => {
      const target = state.target!;
      const application = target.applicationNo ? (lang === 'ja' ? `（申請書番号 ${target.applicationNo}）` : ` (application ${target.applicationNo})`) : '';
      say(`  ${target.label}${target.kind ? ` — ${ISSUANCE_KIND_WORDS[target.kind][lang]}` : ''}${application}`);
      if (options.yes || (await input.confirm(phraseFor('askIsThisYou')[lang], true))) return true;
      wizard.cancel();
      say(phraseFor('cancelledAskCa')[lang]);
      return false;
    };
    if (state.applicationNoNeeded) {
      // The CA names no application for this token: the number from the mail; the name follows the PIN check.
      say(phraseFor('applicationNoFromMail')[lang]);
      const applicationNo = options.applicationNo ?? (await input.ask(phraseFor('askApplicationNo')[lang]));
      if (applicationNo === undefined) {
        say(phraseFor('applicationNoNeeded')[lang]);
        return 2;
      }
      if (!stillAt(2)) return 1;
      state = wizard.confirmUser(applicationNo);
      if (failed(state)) return 1;
    } else {
      // Before the question about whom the CA names: a different number the user gave stops here.
      const other = checkGivenApplicationNo(state.target, options.applicationNo);
      if (other) {
        failed({ ...state, error: other });
        wizard.cancel();
        return 2;
      }
      if (!(await isThisYou()) || !stillAt(2)) return 1;
      wizard.confirmUser();
    }

    heading(3);
    for (;;) {
      const prompt = phraseFor(estOnly ? 'askEstPassword' : 'askStoragePin')[lang];
      const pin = await input.read(prompt);
      if (!stillAt(3)) return 1;
      state = await wizard.submitStoragePin(pin);
      if (state.error instanceof CaError && state.error.code === 'storagePinFinalTry') {
        // One try left at the CA, which checked nothing: the words, then the user's choice
        // (at a terminal y/N, with --pins-from-stdin only --confirm-final-try), as at STEP4.
        const words = toUserError(state.error);
        say(formatUserError(words, lang));
        const risk = options.confirmFinalTry || (await input.confirm(phraseFor('askUseFinalTry')[lang], false));
        if (!risk) {
          outcome.failure = { step: state.step, tokenSerial: state.token?.serial, error: words };
          return 1;
        }
        if (!stillAt(3)) return 1;
        state = await wizard.submitStoragePin(pin, { confirmFinalTry: true });
      }
      if (!failed(state)) break;
      if (options.pinsFromStdin || state.step !== 3) return 1;
    }
    if (state.attemptsLeft !== undefined) say(phraseFor('storagePinAccepted', { n: state.attemptsLeft })[lang]);
    if (state.applicationNoNeeded && !(await isThisYou())) return 1;

    heading(4);
    for (;;) {
      const pin = await input.read(phraseFor('askNewUserPin')[lang]);
      const again = options.pinsFromStdin ? pin : await input.read(phraseFor('askAgain')[lang]);
      if (!stillAt(4)) return 1;
      state = await wizard.submitUserPin(pin, again, currentPin);
      if (currentPin === undefined && state.error instanceof InputError && state.error.code === 'TD-USER-PIN-CURRENT-REQUIRED') {
        // The CA holds no admin PIN for this token (it did not provision it): the current PIN sets the new one.
        currentPin = await input.read(phraseFor('askCurrentUserPin')[lang]);
        if (!stillAt(4)) return 1;
        state = await wizard.submitUserPin(pin, again, currentPin);
      }
      if (state.error instanceof TokenError && state.error.code === 'pinFinalTry') {
        say(formatUserError(toUserError(state.error), lang));
        const risk = options.confirmFinalTry || (await input.confirm(phraseFor('askUseFinalTry')[lang], false));
        if (!risk || !stillAt(4)) return 1;
        state = await wizard.submitUserPin(pin, again, currentPin, { confirmFinalTry: true });
      }
      if (!failed(state)) break;
      if (options.pinsFromStdin || state.step !== 4) return 1;
    }

    heading(5);
    say(`  ${DONE_MESSAGE[lang]}`);
    if (options.json) {
      const { result, token, target: who } = state;
      process.stdout.write(
        `${JSON.stringify({ step: state.step, tokenSerial: token?.serial, label: who?.label, applicationNo: who?.applicationNo, userId: who?.userId, certificateSerial: result?.certificateSerialHex, keyId: result?.keyId, resumed: result?.resumed, removedOldObjects: result?.removedOldObjects, certificate: result?.certificate }, null, 2)}\n`,
      );
    }
    if (state.clockWarning) say(formatUserError(clockSkewNotice(state.clockWarning), lang));
    return 0;
  } finally {
    wizard.dispose();
    input.close();
    ca.close();
    await module.release();
  }
}
