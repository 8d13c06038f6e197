/** Where "allow always" grants persist: beside the settings file of the host (one TokenDesk, one list). */
import { dirname, join } from 'node:path';

export function grantsFileBeside(settingsFile: string): string {
  return join(dirname(settingsFile), 'portal-grants.json');
}
