/**
 * The portal's tables (migration 0005_portal): the contracts the operator loads from CSV,
 * what the portal knows of an applicant beyond the certificate's subject, revocation
 * requests waiting for their mailed link, single-use nonces for token proofs and
 * tickets, and the lookup counters. All state lives here, never in a process, so the
 * portal works the same after a restart and behind a load balancer.
 */
import { type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../store/schema.js';

export interface ContractTable {
  contract_no: string;
  /** 契約件名 */
  title: string;
  /** 受注者 (the contractor's company) */
  contractor: string;
  /** 受注者（英語表記） */
  contractor_en: string;
  /** 支社・局 */
  branch: string;
  /** 事務所 */
  office: string;
  /** 工期, YYYY-MM-DD */
  period_from: string;
  period_to: string;
  imported_at: string;
}

export interface ApplicantDetailTable {
  application_no: string;
  /** 氏名 as written (the application keeps the romanised name). */
  name_local: string | null;
  /** 役職 */
  role: string | null;
  /** 'portal' (applied on the web) or 'operator' (`ca app add`). */
  source: string;
  /** For a renewal: the serial of the certificate whose holder proved possession. */
  renews_certificate: string | null;
  /** When the storage-PIN mail went out; null until then (claimed atomically, sent once). */
  pin_mailed_at: string | null;
}

export interface RevocationRequestTable {
  /** SHA-256 (hex) of the link's secret: the secret itself is only in the mail. */
  link_hash: string;
  application_no: string;
  certificate_serial: string;
  created_at: string;
  expires_at: string;
  confirmed_at: string | null;
}

export interface PortalNonceTable {
  nonce: string;
  /** What it may be spent on: 'renew' | 'revoke' | 'renewal-ticket'. */
  purpose: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface PortalCounterTable {
  bucket: string;
  window_start: string;
  count: number;
}

export type PortalTables = {
  contracts: ContractTable;
  applicant_details: ApplicantDetailTable;
  revocation_requests: RevocationRequestTable;
  portal_nonces: PortalNonceTable;
  portal_counters: PortalCounterTable;
};

export function portalMigration(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('contracts')
        .addColumn('contract_no', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('contractor', 'text', (c) => c.notNull())
        .addColumn('contractor_en', 'text', (c) => c.notNull())
        .addColumn('branch', 'text', (c) => c.notNull())
        .addColumn('office', 'text', (c) => c.notNull())
        .addColumn('period_from', 'text', (c) => c.notNull())
        .addColumn('period_to', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('applicant_details')
        .addColumn('application_no', 'text', (c) => c.primaryKey().references('applications.application_no'))
        .addColumn('name_local', 'text')
        .addColumn('role', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('renews_certificate', 'text')
        .addColumn('pin_mailed_at', 'text')
        .execute();
      await db.schema
        .createTable('revocation_requests')
        .addColumn('link_hash', 'text', (c) => c.primaryKey())
        .addColumn('application_no', 'text', (c) => c.notNull().references('applications.application_no'))
        .addColumn('certificate_serial', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'text')
        .execute();
      await db.schema.createIndex('revocation_requests_application').on('revocation_requests').column('application_no').execute();
      await db.schema
        .createTable('portal_nonces')
        .addColumn('nonce', 'text', (c) => c.primaryKey())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema
        .createTable('portal_counters')
        .addColumn('bucket', 'text', (c) => c.notNull())
        .addColumn('window_start', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('portal_counters_pk', ['bucket', 'window_start'])
        .execute();
    },
  };
}
