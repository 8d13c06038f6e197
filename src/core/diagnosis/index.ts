/** Flow C: helpdesk diagnosis — checks, verdict, report. */
export { runDiagnosis, type Diagnosis, type DiagnosisOptions, type DiagnosedToken, type DeviceFacts, type DiagnosedCertificate } from './run-diagnosis.js';
export { VERDICTS, VERDICT_CODES, decideVerdict, type Verdict } from './verdict.js';
export { CHECK_IDS, CHECK_LABELS, RESULT_LABELS, type Check, type CheckId, type CheckResult } from './checks.js';
export { diagnosisText, diagnosisJson, deviceLines, type ContactDetails } from './report.js';
export { bytesWords, modelWords, periodWords } from './token-words.js';
