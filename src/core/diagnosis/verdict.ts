/**
 * What diagnosis concludes (docs/architecture.md Flow C), and the catalogue entry that says it in
 * words a contractor understands. When several problems are found, the one listed
 * first is named: a token that cannot be read hides everything behind it, and a
 * revoked certificate matters more than a mistyped PIN.
 */
export const VERDICTS = [
  'noMiddleware',
  'noToken',
  'severalTokens',
  'serialMismatch',
  'damaged',
  'removed',
  'notInitialized',
  'locked',
  'empty',
  'certificateUnreadable',
  'keyMismatch',
  'revoked',
  'expired',
  'notYetValid',
  'pinIncorrect',
  // One wrong PIN from locking: not healthy, though nothing is broken yet.
  'finalTry',
  'healthy',
] as const;

export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_CODES: Readonly<Record<Verdict, string>> = {
  noMiddleware: 'TD-NO-MIDDLEWARE',
  noToken: 'TD-TOKEN-ABSENT',
  severalTokens: 'TD-TOKEN-SEVERAL',
  serialMismatch: 'TD-SERIAL-MISMATCH',
  damaged: 'TD-TOKEN-DAMAGED',
  removed: 'TD-TOKEN-REMOVED',
  notInitialized: 'TD-TOKEN-NOT-INITIALIZED',
  locked: 'TD-TOKEN-LOCKED',
  empty: 'TD-CERT-NOT-STORED',
  certificateUnreadable: 'TD-CERT-UNREADABLE',
  keyMismatch: 'TD-CERT-KEY-MISMATCH',
  revoked: 'TD-CERT-REVOKED',
  expired: 'TD-CERT-EXPIRED',
  notYetValid: 'TD-CERT-NOT-YET-VALID',
  pinIncorrect: 'TD-PIN-INCORRECT',
  finalTry: 'TD-DIAG-FINAL-TRY',
  healthy: 'TD-DIAG-HEALTHY',
};

/** The first verdict in VERDICTS order among those found; `healthy` when none. */
export function decideVerdict(found: Iterable<Verdict>): Verdict {
  const set = new Set(found);
  return VERDICTS.find((verdict) => set.has(verdict)) ?? 'healthy';
}
