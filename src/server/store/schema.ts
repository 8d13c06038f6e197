/**
 * The CA's tables as Kysely sees them. Times are ISO-8601 UTC text in both SQLite and
 * PostgreSQL, so the two stores behave identically (the contract suite checks that).
 */
import type { Generated } from 'kysely';
import type { IssuanceKind } from '../../core/ca-client/pending-issuance.js';
import type { UnlockCodeTable } from './unlock-code-table.js';

/** An application's kind is the kind of issuance the CA protocol reports. */
export type ApplicationKind = IssuanceKind;

export interface ApplicationTable {
  application_no: string;
  kind: ApplicationKind;
  contract_no: string;
  user_id: string;
  /** Romanised name, e.g. `Souken Tarou`. */
  name: string;
  /** The company's English name (certificate O). */
  company: string;
  email: string;
  years: number;
  token_serial: string | null;
  approved_at: string | null;
  /** scrypt hash with its parameters; never the PIN. */
  pin_hash: string;
  stored_at: string | null;
  created_at: string;
}

export interface CertificateTable {
  serial: string;
  application_no: string;
  public_key_sha256: string;
  der: Buffer;
  not_before: string;
  not_after: string;
  issued_at: string;
  revoked_at: string | null;
  revocation_reason: number | null;
}

export interface TokenTable {
  serial: string;
  label: string;
  /** SecretBox-sealed SO PIN, bound to the serial. */
  so_pin_sealed: string;
  provisioned_at: string;
  /** SHA-256 (hex) of the possession tag written onto the token; never the tag. Null: no tag recorded. */
  possession_tag_sha256: string | null;
}

export interface ApplicationSequenceTable {
  day: string;
  last: number;
}

export interface CrlTable {
  number: number;
  der: Buffer;
  this_update: string;
  next_update: string;
}

/**
 * Storage-PIN attempts per application number (existing or not). `failures` are decided
 * wrong tries since the last new PIN or expired lock; `in_flight` are checks reserved
 * and not yet decided (reset when `reserved_at` is stale: a server died mid-check).
 * `locked_until` null with `locked_at` set: locked until the operator issues a new PIN.
 */
export interface PinAttemptTable {
  application_no: string;
  failures: number;
  in_flight: number;
  reserved_at: string | null;
  locked_at: string | null;
  locked_until: string | null;
}

/** Named rows to take a write lock on (SELECT … FOR UPDATE is not portable to SQLite). */
export interface CaLockTable {
  name: string;
  taken: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  event: string;
  application_no: string | null;
  certificate_serial: string | null;
  token_serial: string | null;
  client: string | null;
  /** JSON object of non-secret details. */
  detail: string | null;
}

export interface CaDatabase {
  applications: ApplicationTable;
  certificates: CertificateTable;
  tokens: TokenTable;
  application_sequences: ApplicationSequenceTable;
  crls: CrlTable;
  audit_log: AuditLogTable;
  pin_attempts: PinAttemptTable;
  ca_locks: CaLockTable;
  unlock_codes: UnlockCodeTable;
}

export type Dialect = 'sqlite' | 'postgres';
