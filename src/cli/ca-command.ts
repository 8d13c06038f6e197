import type { Command } from 'commander';

/** `tokendesk ca …`: the reference CA's operator commands (src/server). */
export function registerCaCommands(program: Command): void {
  program.command('ca').description('reference CA server: init, serve, applications, revocation');
}
