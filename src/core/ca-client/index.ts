/** The CA client: EST (RFC 7030) + TokenDesk extensions over HTTPS with the configured trust. */
export { CaClient, type CaClientOptions, type PinCheck, type Enrollment } from './ca-client.js';
export type { PendingIssuance, IssuanceKind } from './pending-issuance.js';
export { spkiSha256, type CaTrust } from './ca-trust.js';
export { connectCa, type CaConnection } from './ca-connection.js';
export { readClock, clockSkewNotice, CLOCK_SKEW_LIMIT_MS, type ClockReading } from './clock-skew.js';
