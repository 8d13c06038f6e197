/**
 * C_FindObjectsInit / C_FindObjects / C_FindObjectsFinal, in one place: every search
 * ends its find operation (a session allows only one at a time), and a final that
 * fails because the token went away never hides the search's own error.
 */
import { call, type Handle, type Pkcs11, type Template } from './native-binding.js';

/** Every object of the session that matches, fetched in batches. */
export function findAll(lib: Pkcs11, session: Handle, template: Template): Handle[] {
  call('C_FindObjectsInit', () => lib.C_FindObjectsInit(session, template));
  try {
    const found: Handle[] = [];
    for (;;) {
      const batch = call('C_FindObjects', () => lib.C_FindObjects(session, 32));
      if (batch.length === 0) return found;
      found.push(...batch);
    }
  } finally {
    endFind(lib, session);
  }
}

/** The first object that matches, or undefined: one C_FindObjects for one handle. */
export function findFirst(lib: Pkcs11, session: Handle, template: Template): Handle | undefined {
  call('C_FindObjectsInit', () => lib.C_FindObjectsInit(session, template));
  try {
    return call('C_FindObjects', () => lib.C_FindObjects(session, 1))[0];
  } finally {
    endFind(lib, session);
  }
}

function endFind(lib: Pkcs11, session: Handle): void {
  try {
    lib.C_FindObjectsFinal(session);
  } catch {
    // a removed token fails here too; the find's own error (if any) is the one to report
  }
}
