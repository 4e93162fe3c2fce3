// Why a catalogued issuer is only a near miss of the token's `iss`: clouds
// compare the issuer byte for byte (CLOUDS.md 1.3, 2.3, 3.3), so a case
// change, a trailing slash, a look-alike letter or an invisible character
// (SECURITY.md J18) is enough to fail the exchange.
import { asciiHost, isConfusable } from "@/lib/tokens/confusables";
import { revealInvisible } from "@/lib/tokens/reveal-invisible";

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
  if (isConfusable(iss, catalogued)) {
    return "looks the same but differs in look-alike or invisible characters";
  }
  if (revealInvisible(iss) !== iss) return "the token's iss holds characters that do not print";
  return asciiHost(iss) === asciiHost(catalogued)
    ? "same host, different path"
    : "a look-alike host";
}
