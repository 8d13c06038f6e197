/** `tokendesk card show|compare` at the terminal: asks, reads, shows; the rules live in src/core/card. */
import { clockSkewNotice } from '../core/ca-client/index.js';
import { cardDetailsText, compareCards, comparisonText, findCard, readCard, waitForCardSwap } from '../core/card/index.js';
import { messageFor, formatUserError, phraseFor, type Language } from '../core/messages/index.js';
import { chosenModulePath } from './chosen-module.js';
import { openModule, type Pkcs11Module } from '../core/pkcs11/index.js';
import { withInspectContext, type InspectContext } from './inspect-context.js';
import { languageOf, type CardOptions } from './options.js';

const say = (text: string) => process.stderr.write(`${text}\n`);

export async function runCardShow(options: CardOptions): Promise<number> {
  const lang = languageOf(options);
  if (!lang) return 2;
  return withInspectContext(options, lang, (context) =>
    withModule(options, lang, async (module) => {
      const serial = options.serial ?? (await findCard(module));
      const details = await readOne(module, serial, context, lang, phraseFor('askCardPin')[lang], options);
      process.stdout.write(options.json ? `${JSON.stringify(details, null, 2)}\n` : cardDetailsText(details, lang));
      return 0;
    }),
  );
}

export async function runCardCompare(options: CardOptions): Promise<number> {
  const lang = languageOf(options);
  if (!lang) return 2;
  const timeoutSeconds = Number(options.swapTimeout ?? '300');
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    say('--swap-timeout は正の秒数で指定してください / --swap-timeout must be a positive number of seconds');
    return 2;
  }
  return withInspectContext(options, lang, (context) =>
    withModule(options, lang, async (module) => {
      const oldSerial = options.oldSerial ?? (await findCard(module));
      say(lang === 'ja' ? '現在使用しているICカードを読み取ります。' : 'Reading the card in use.');
      const old = await readOne(module, oldSerial, context, lang, phraseFor('askOldCardPin')[lang], options);
      let newSerial = options.newSerial;
      if (!newSerial) {
        say(lang === 'ja' ? '現在使用しているICカードを抜き、新しく取得したICカードを挿入してください。' : 'Remove the card in use and insert the new card.');
        newSerial = await waitForCardSwap(module, oldSerial, { timeoutMs: timeoutSeconds * 1000 });
      }
      const next = await readOne(module, newSerial, context, lang, phraseFor('askNewCardPin')[lang], options);
      // Nagasaki card-update manual: the server's time decides; the CA's clock when --ca was given.
      if (context.ca) await context.ca.caCertificates().catch(() => undefined);
      const clock = context.ca?.lastClock;
      const now = clock ? new Date(Date.now() - clock.skewMs) : new Date();
      const comparison = compareCards(old, next, now);
      if (clock?.tooFar) comparison.warnings.push(clockSkewNotice(clock));
      process.stdout.write(options.json ? `${JSON.stringify(comparison, null, 2)}\n` : comparisonText(comparison, lang));
      return comparison.refusal ? 1 : 0;
    }),
  );
}

async function withModule(options: CardOptions, lang: Language, work: (module: Pkcs11Module) => Promise<number>): Promise<number> {
  const module = await openModule(await chosenModulePath(options.module, lang));
  try {
    return await work(module);
  } finally {
    await module.release();
  }
}

async function readOne(module: Pkcs11Module, serial: string, context: InspectContext, lang: Language, prompt: string, options: CardOptions) {
  const pin = await context.readPin(prompt);
  say(formatUserError(messageFor('TD-CARD-BUSY'), lang).split('\n')[0]!);
  try {
    return await readCard(module, serial, pin, { confirmFinalTry: options.confirmFinalTry === true });
  } finally {
    pin.wipe();
  }
}
