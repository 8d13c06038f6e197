/**
 * The PKCS#11 library a command uses: --module, $TOKENDESK_PKCS11_MODULE, the app's
 * settings file (the same one the TokenDesk window reads), else the detected library
 * that holds a token (core/pkcs11 chooseModule). When it had to choose among several,
 * it says which one on stderr, so stdout stays the result (--json).
 */
import { phraseFor, type Language } from '../core/messages/index.js';
import { chooseModule, TokenError } from '../core/pkcs11/index.js';
import { settingsModulePath } from '../core/service/settings-location.js';

/** undefined when no library is found at all: the command then says so in its own way (diagnose: its verdict). */
export async function chosenModulePath(argument: string | undefined, lang: Language): Promise<string | undefined> {
  const settingsPath = argument ? undefined : await settingsModulePath();
  let choice;
  try {
    choice = await chooseModule({ ...(argument ? { argument } : {}), ...(settingsPath ? { settingsPath } : {}) });
  } catch (error) {
    if (error instanceof TokenError && error.code === 'moduleNotFound') return undefined;
    throw error;
  }
  if (choice.holdsToken !== undefined) {
    const params = { path: choice.path, vendor: choice.vendor, others: choice.alsoDetected.join(', ') };
    process.stderr.write(`${phraseFor(choice.holdsToken ? 'moduleHoldsToken' : 'moduleNoToken', params)[lang]}\n`);
  }
  return choice.path;
}
