// Why a catalogued issuer is only a near miss of the token's `iss`: clouds
// compare the issuer byte for byte (CLOUDS.md 1.3, 2.3, 3.3), so a case
// change or a trailing slash is enough to fail the exchange.

const withoutSlash = (url: string) => url.replace(/\/+$/, "");

export function issuerDifference(iss: string, catalogued: string): string {
  if (iss === catalogued) return "identical";
  const caseOnly = iss.toLowerCase() === catalogued.toLowerCase();
  const slashOnly = withoutSlash(iss) === withoutSlash(catalogued);
  if (caseOnly) return "differs only in letter case";
  if (slashOnly) {
    return catalogued.endsWith("/")
      ? "has a trailing slash the token's iss lacks"
      : "lacks the trailing slash the token's iss has";
  }
  if (withoutSlash(iss).toLowerCase() === withoutSlash(catalogued).toLowerCase()) {
    return "differs in letter case and a trailing slash";
  }
  return "same host, different path";
}
