/** Flow B: device information after the user PIN. */
export { readDeviceInfo, type DeviceInfo } from './read-device-info.js';
export { readCertificateStatus, checkRevocation, combineStatus, type CertificateStatus, type RevocationState, type RevocationCheck, type StatusReading } from './certificate-status.js';
export { pickUserCertificate, type UserCertificate, type CertificatePick } from './user-certificate.js';
