/**
 * Flow A for a token the CA cannot name an application for (find-issuance.ts): STEP2
 * takes the application number from the CA's mail, and STEP3's storage-PIN check —
 * which proves the number and PIN — names the applicant. Before anything touches the
 * token, the application must be for this token: the admin PIN the CA releases with
 * it belongs to the token the application names, and trying it on another would
 * spend one of that token's SO PIN tries.
 */
import type { PendingIssuance, PinCheck } from '../ca-client/index.js';
import { CaError, InputError } from '../messages/errors.js';
import type { TokenInfo } from '../pkcs11/index.js';
import { targetFromPending, type IssuanceTarget } from './issuance-profile.js';

/** The application number's form (`20230426035`: the CA's date and a daily sequence). */
export function checkApplicationNo(text: string): InputError | undefined {
  return /^[0-9]{11,14}$/.test(text) ? undefined : new InputError({ code: 'TD-APPLICATION-NO-FORMAT', message: 'The application number is not 11 to 14 half-width digits' });
}

/**
 * A number the user gave for a token the CA names an application for itself: refused
 * when it is not that application, so the wizard never silently goes on with another
 * one than the user meant (a reissue's mail beside a renewal's).
 */
export function checkGivenApplicationNo(named: { applicationNo?: string | undefined } | undefined, given: string | undefined): InputError | undefined {
  const typed = given?.trim();
  const pending = named?.applicationNo;
  if (typed === undefined || pending === undefined || typed === pending) return undefined;
  return new InputError({ code: 'TD-APPLICATION-NO-NOT-PENDING', message: 'The CA names another application for this token', params: { given: typed, pending } });
}

/** Until the storage PIN is checked, the number is all STEP3 knows, and shows. */
export function targetFromApplicationNo(applicationNo: string): IssuanceTarget {
  return { estUser: applicationNo, label: applicationNo, applicationNo };
}

/**
 * The target after the CA accepted the storage PIN: the applicant the CA names for
 * the number (or the one the lookup named), refused when the application names
 * another token.
 */
export function targetAfterPinCheck(target: IssuanceTarget, check: PinCheck, token: TokenInfo): IssuanceTarget {
  const issuance: PendingIssuance | undefined = check.issuance ?? target.pending;
  if (!issuance) throw new CaError({ code: 'unexpectedAnswer', message: 'The CA accepted the storage PIN but did not say whose application it is', status: 200 });
  if (issuance.tokenSerial && issuance.tokenSerial.toUpperCase() !== token.serial.toUpperCase()) {
    throw new InputError({ code: 'TD-APPLICATION-OTHER-TOKEN', message: 'The application names another token', params: { tokenSerial: issuance.tokenSerial } });
  }
  return targetFromPending(issuance);
}
