/** `tokendesk diagnose` at the terminal: asks for the PIN when told to, prints the report. */
import { diagnosisJson, diagnosisText } from '../core/diagnosis/index.js';
import { runDiagnosis } from '../core/diagnosis/index.js';
import type { Secret } from '../core/secrets/secret.js';
import { phraseFor } from '../core/messages/index.js';
import { chosenModulePath } from './chosen-module.js';
import { chooseFinalTryFirst } from './final-try-first.js';
import { withInspectContext } from './inspect-context.js';
import { languageOf, type InspectOptions } from './options.js';

export async function runDiagnose(options: InspectOptions): Promise<number> {
  const lang = languageOf(options);
  if (!lang) return 2;
  return withInspectContext(options, lang, async ({ ca, readPin, input }) => {
    const modulePath = await chosenModulePath(options.module, lang);
    const wantsPin = options.withPin || options.pinsFromStdin;
    const finalTry = wantsPin ? await chooseFinalTryFirst(modulePath, options, input, lang) : 'unasked';
    let userPin: Secret | undefined;
    // Declined: the diagnosis runs without the PIN (every check that needs no login).
    if (wantsPin && finalTry !== 'declined') userPin = await readPin(phraseFor('askUserPin')[lang]);
    try {
      const diagnosis = await runDiagnosis({
        ...(modulePath ? { modulePath } : {}),
        ...(options.serial ? { serial: options.serial } : {}),
        ...(userPin ? { userPin } : {}),
        ...(ca ? { ca } : {}),
        ...(finalTry === 'use' ? { confirmFinalTry: true } : {}),
      });
      const contact = {
        ...(options.applicationNo ? { applicationNo: options.applicationNo } : {}),
        ...(options.contractNo ? { contractNo: options.contractNo } : {}),
        ...(options.userName ? { userName: options.userName } : {}),
      };
      process.stdout.write(options.json ? diagnosisJson(diagnosis, contact, lang) : diagnosisText(diagnosis, lang, contact));
      return diagnosis.verdict === 'healthy' ? 0 : 1;
    } finally {
      userPin?.wipe();
    }
  });
}
