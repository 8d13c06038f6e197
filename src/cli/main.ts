#!/usr/bin/env node
// The `tokendesk` command. Thin: it parses arguments and hands over to src/core or
// src/server. Each command's module is imported only when that command runs, so
// `tokendesk tokens` does not pay for loading the CA server (start-up time matters:
// a helpdesk runs these all day).
import { Command } from 'commander';
import { registerTokenCommands } from './tokens-command.js';
import { registerCaCommands } from './ca-command.js';
import { registerStoreCommand } from './store-command.js';
import { registerInfoCommand } from './info-command.js';
import { registerDiagnoseCommand } from './diagnose-command.js';
import { registerCardCommands } from './card-command.js';
import { registerAgentCommand } from './agent-command.js';
import { registerPinCareCommands } from './pin-care-command.js';
import { runCli } from './run.js';

const program = new Command()
  .name('tokendesk')
  .description('TokenDesk — certificates on USB tokens and IC cards / USBトークン・ICカードの電子証明書')
  .showHelpAfterError();

registerTokenCommands(program);
registerStoreCommand(program);
registerCaCommands(program);
registerInfoCommand(program);
registerDiagnoseCommand(program);
registerCardCommands(program);
registerAgentCommand(program);
registerPinCareCommands(program);

// No top-level await: the installed CLI is this file bundled as CommonJS (scripts/build-cli.mjs).
void runCli(program, process.argv);
