// The checks a key set passes before Fedlens keeps it, fetched or pasted
// (SECURITY.md J30): a cap on keys, no private material, and only the public
// members of RSA, EC and OKP keys. Keeping nothing else means a secret (an
// oct key's `k`, a private member under an odd kty) or any stray text pasted
// into a member is never stored or shown.
import { hasPrivateMaterial, type Jwk } from "@/lib/tokens/key-match";
import { quoteTokenValue } from "@/lib/tokens/problems";
import { isRecord } from "@/lib/json/is-record";

export const maxJwksKeys = 100;

// RFC 7517 §4 (kty, use, key_ops, alg, kid), RFC 7518 §6.2.1 and §6.3.1
// (EC crv/x/y, RSA n/e), RFC 8037 §2 (OKP crv/x). x5c and friends are left
// out: Fedlens verifies with the key itself.
const publicMembers: Record<string, readonly string[]> = {
  RSA: ["n", "e"],
  EC: ["crv", "x", "y"],
  OKP: ["crv", "x"],
};
const commonMembers = ["kty", "kid", "use", "key_ops", "alg"] as const;

export type Screened =
  { ok: true; keys: Jwk[]; note: string | null } | { ok: false; error: string };

function publicPart(key: Jwk, members: readonly string[]): Jwk {
  const kept: Jwk = {};
  for (const member of [...commonMembers, ...members]) {
    if (member in key) kept[member] = key[member];
  }
  return kept;
}

export function screenKeySet(json: unknown): Screened {
  if (!isRecord(json) || !Array.isArray(json.keys)) {
    return { ok: false, error: "the JWKS is not a JSON object with a keys array (RFC 7517 §5)" };
  }
  const all = json.keys;
  if (all.length > maxJwksKeys) {
    return {
      ok: false,
      error: `the JWKS has ${all.length.toLocaleString("en-US")} keys; Fedlens reads at most ${maxJwksKeys}`,
    };
  }
  const objects = all.filter(isRecord);
  // A `k` outside an oct key is a secret under a name Fedlens does not know.
  const leaking = objects.find(
    (key) => hasPrivateMaterial(key) || (key.kty !== "oct" && "k" in key),
  );
  if (leaking) {
    const kid = typeof leaking.kid === "string" ? ` (kid ${quoteTokenValue(leaking.kid, 24)})` : "";
    return {
      ok: false,
      error: `the JWKS publishes private key material${kid}; anyone can sign tokens with it, so Fedlens refuses the set`,
    };
  }
  const keys = objects.flatMap((key) => {
    const members = typeof key.kty === "string" ? publicMembers[key.kty] : undefined;
    return members ? [publicPart(key, members)] : [];
  });
  if (keys.length === 0) return { ok: false, error: "the JWKS has no public RSA, EC or OKP keys" };
  const ignored = all.length - keys.length;
  return {
    ok: true,
    keys,
    note:
      ignored > 0
        ? `ignored ${ignored} JWKS ${ignored === 1 ? "entry" : "entries"} that ${ignored === 1 ? "is" : "are"} not a public RSA, EC or OKP key`
        : null,
  };
}
