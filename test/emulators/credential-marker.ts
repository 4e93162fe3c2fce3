/**
 * Every credential an emulated token endpoint mints contains this string,
 * so a test can prove a credential never reached a table, a log line or a
 * response by searching for it.
 */
export const EMULATED_CREDENTIAL_MARKER = "FEDLENS-EMULATED-CREDENTIAL";
