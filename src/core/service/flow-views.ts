/**
 * Flows B, C and D's results made into the API's views (src/api/flow-views.ts):
 * dates as text, checks with their names, the report in both languages. Built only
 * from the cores' results, which never hold a PIN. Assigning the cores' word lists
 * (verdicts, check IDs, statuses) to the views' types here is what keeps the two
 * lists equal: a new verdict in the core does not compile until the API knows it.
 */
import type { CardComparisonView, CardDetailsView, CardView, DeviceInfoFacts, DeviceInfoView, DiagnosisView } from '../../api/index.js';
import type { CardComparison, CardDetails } from '../card/index.js';
import type { DeviceInfo } from '../device-info/index.js';
import { CHECK_LABELS, diagnosisText, type Diagnosis } from '../diagnosis/index.js';
import type { ValidityStatus } from '../x509/index.js';

export function toDiagnosisView(diagnosis: Diagnosis): DiagnosisView {
  const view: DiagnosisView = {
    verdict: diagnosis.verdict,
    message: diagnosis.message,
    notices: [...diagnosis.notices],
    checks: diagnosis.checks.map((check) => ({
      id: check.id,
      label: CHECK_LABELS[check.id],
      result: check.result,
      detail: check.detail,
      ...(check.verdict ? { verdict: check.verdict } : {}),
      ...(check.message ? { message: check.message } : {}),
    })),
    withPin: diagnosis.withPin,
    loggedIn: diagnosis.loggedIn,
    tokensSeen: [...diagnosis.tokensSeen],
    generatedAt: diagnosis.generatedAt.toISOString(),
    report: { ja: diagnosisText(diagnosis, 'ja'), en: diagnosisText(diagnosis, 'en') },
  };
  if (diagnosis.module) view.module = { ...diagnosis.module };
  if (diagnosis.token) view.token = { ...diagnosis.token };
  if (diagnosis.certificate) view.certificate = { ...diagnosis.certificate };
  if (diagnosis.status) view.status = { ...diagnosis.status };
  return view;
}

export function toDeviceInfoFacts(info: DeviceInfo): DeviceInfoFacts {
  return { ...info, token: { ...info.token }, notices: [...info.notices] };
}

export function toDeviceInfoView(result: { info?: DeviceInfo; diagnosis: Diagnosis }): DeviceInfoView {
  return { ...(result.info ? { info: toDeviceInfoFacts(result.info) } : {}), diagnosis: toDiagnosisView(result.diagnosis) };
}

export function toCardDetailsView(details: CardDetails): CardDetailsView {
  return { ...details, notAfter: details.notAfter.toISOString(), notBefore: details.notBefore.toISOString() };
}

export function toCardView(which: CardView['which'], details: CardDetails, status: ValidityStatus): CardView {
  return { which, details: toCardDetailsView(details), status };
}

export function toCardComparisonView(comparison: CardComparison): CardComparisonView {
  return {
    old: toCardDetailsView(comparison.old),
    new: toCardDetailsView(comparison.new),
    ...(comparison.refusal ? { refusal: comparison.refusal } : {}),
    warnings: [...comparison.warnings],
    companyDiffers: comparison.companyDiffers,
  };
}
