/**
 * The CA's tables as Kysely sees them. Times are ISO-8601 UTC text in both SQLite and
 * PostgreSQL, so the two stores behave identically (the contract suite checks that).
 */
import type { Generated } from 'kysely';

export type ApplicationKind = 'new' | 'renewal' | 'reissue';

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
  pin_failures: number;
  pin_locked_at: string | null;
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
}

export type Dialect = 'sqlite' | 'postgres';
