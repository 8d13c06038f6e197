/**
 * The options the CLI's commands share, and the option types the runners read:
 * declared once here, so a `*-command.ts` (which registers) and a `*-runner.ts`
 * (which runs) never import each other, and `--lang` means the same everywhere.
 * Kept free of src/core imports: every command file loads this at start.
 */
import type { Command } from 'commander';
import type { Language } from '../core/messages/index.js';

/** Where the CA is and whom to trust (store, info, diagnose, card). */
export interface CaConnectionOptions {
  ca?: string;
  caTrust?: string;
  caPin?: string[];
}

/** `--lang ja|en` as every command takes it, before validation. */
export interface LanguageOption {
  lang?: string;
}

/** `tokendesk info` and `tokendesk diagnose`. */
export interface InspectOptions extends CaConnectionOptions, LanguageOption {
  module?: string;
  serial?: string;
  json?: boolean;
  pinsFromStdin?: boolean;
  withPin?: boolean;
  confirmFinalTry?: boolean;
  applicationNo?: string;
  contractNo?: string;
  userName?: string;
}

/** `tokendesk card show|compare`. */
export interface CardOptions extends CaConnectionOptions, LanguageOption {
  module?: string;
  serial?: string;
  oldSerial?: string;
  newSerial?: string;
  json?: boolean;
  pinsFromStdin?: boolean;
  confirmFinalTry?: boolean;
  swapTimeout?: string;
}

/** `tokendesk store`. */
export interface StoreOptions extends CaConnectionOptions, LanguageOption {
  module?: string;
  json?: boolean;
  pinsFromStdin?: boolean;
  estUser?: string;
  subject?: string;
  yes?: boolean;
  applicationNo?: string;
  confirmFinalTry?: boolean;
}

/** `tokendesk pin change` and `tokendesk unlock`. */
export interface PinCareOptions extends CaConnectionOptions, LanguageOption {
  module?: string;
  serial?: string;
  pinsFromStdin?: boolean;
  confirmFinalTry?: boolean;
  json?: boolean;
}

/** `tokendesk agent`. */
export interface AgentOptions {
  port: string;
  module?: string;
  policy?: string;
  json?: boolean;
  answersFromStdin?: boolean;
}

export function addCaConnectionOptions(command: Command): Command {
  return command
    .option('--ca <url>', 'CA base URL (https://…), default $TOKENDESK_CA_URL')
    .option('--ca-trust <pem>', 'PEM file with the CA certificate(s) to trust, default $TOKENDESK_CA_TRUST')
    .option('--ca-pin <sha256>', 'pin the CA server key (base64 SHA-256 of its SubjectPublicKeyInfo); repeatable', collect, []);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function addLanguageOption(command: Command): Command {
  return command.option('--lang <lang>', 'ja | en', 'ja');
}

/**
 * The language `--lang` asks for; undefined (after saying so on stderr, in both
 * languages since neither is known) when it is neither ja nor en.
 */
export function languageOf(options: LanguageOption): Language | undefined {
  if (options.lang === undefined || options.lang === 'ja') return 'ja';
  if (options.lang === 'en') return 'en';
  process.stderr.write(`--lang は ja か en を指定してください（指定値: ${options.lang}） / --lang must be ja or en (got ${options.lang})\n`);
  return undefined;
}

/** Options `info` and `diagnose` share. */
export function addInspectOptions(command: Command): Command {
  return addLanguageOption(
    addCaConnectionOptions(command)
      .option('--module <path>', 'PKCS#11 library (default: $TOKENDESK_PKCS11_MODULE, else auto-detected)')
      .option('--serial <serial>', 'the token to check when several are connected')
      .option('--pins-from-stdin', 'read the user PIN as a line on standard input')
      .option('--confirm-final-try', 'use the user PIN even when only one try is left'),
  ).option('--json', 'machine-readable result');
}
