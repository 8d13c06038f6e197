/** The token and certificate as a diagnosis reports them: plain facts, no PIN, stable keys for JSON. */
import type { UserCertificate } from '../device-info/user-certificate.js';
import { definedOnly } from '../defined-only.js';
import type { SafeNetTokenFacts, TokenInfo } from '../pkcs11/index.js';

export interface DiagnosedToken {
  serial: string;
  label: string;
  manufacturer: string;
  model: string;
  hardwareVersion: string;
  firmwareVersion: string;
  totalMemory?: number;
  freeMemory?: number;
  pinState: TokenInfo['pinState'];
  userPinLeft?: number;
  userPinMax?: number;
  device: DeviceFacts;
}

/**
 * What the vendor's own extension says about the device (SafeNet's ETCKH_TOKEN_OBJECT);
 * each field absent where the token does not say — shown as "unknown", never guessed.
 */
export interface DeviceFacts {
  productName?: string;
  model?: string;
  /** As the vendor's bytes, dotted: `4.29`. */
  firmwareRevision?: string;
  /** `YYYY-MM-DD`. */
  productionDate?: string;
  fips?: boolean;
  /** Bytes set aside on the token for RSA keys (ETCKA_RSA_AREA_SIZE). */
  rsaKeyArea?: number;
}

export interface DiagnosedCertificate {
  userId?: string;
  holderName?: string;
  company?: string;
  email?: string;
  serial: string;
  issuerDn: string;
  notBefore: string;
  notAfter: string;
}

export function describeToken(token: TokenInfo): DiagnosedToken {
  const version = (v: { major: number; minor: number }) => `${v.major}.${v.minor}`;
  const described: DiagnosedToken = {
    serial: token.serial,
    label: token.label,
    manufacturer: token.manufacturer,
    model: token.model,
    hardwareVersion: version(token.hardwareVersion),
    firmwareVersion: version(token.firmwareVersion),
    pinState: token.pinState,
    device: {},
  };
  if (token.totalMemory !== undefined) described.totalMemory = token.totalMemory;
  if (token.freeMemory !== undefined) described.freeMemory = token.freeMemory;
  return described;
}

export function describeCertificate(holder: UserCertificate): DiagnosedCertificate {
  const s = holder.summary;
  const described: DiagnosedCertificate = {
    serial: s.serial.hex,
    issuerDn: s.issuerDn,
    notBefore: s.notBeforeDisplay,
    notAfter: s.notAfterDisplay,
  };
  if (s.userId !== undefined) described.userId = s.userId;
  if (s.holderName !== undefined) described.holderName = s.holderName;
  if (s.company !== undefined) described.company = s.company;
  if (s.email !== undefined) described.email = s.email;
  return described;
}

export function deviceFacts(facts: SafeNetTokenFacts): DeviceFacts {
  return definedOnly({
    productName: facts.productName,
    model: facts.model,
    firmwareRevision: facts.firmwareRevision,
    productionDate: facts.productionDate,
    fips: facts.fips,
    rsaKeyArea: facts.rsaAreaSize,
  });
}
