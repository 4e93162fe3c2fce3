import { boundedMemo } from "@/lib/bounded-memo";

// A cloud's time checks read only a token's exp, nbf and iat and the
// evaluation time, and the trust map evaluates tens of thousands of
// predicted tokens carrying the same three at the same time: each cloud
// remembers its answers by them (bounded). The checks are handed a claims
// object holding only those three, so a hidden read of another claim could
// not make a remembered answer wrong. The answer is shared: callers must
// not change it.

const timeClaims = ["exp", "nbf", "iat"] as const;

function keyPart(value: unknown): string | null {
  if (value === undefined) return "-";
  if (typeof value === "number") return `n${value}`;
  // Claims come from JSON; anything JSON cannot spell is not remembered.
  const text = typeof value === "bigint" ? undefined : JSON.stringify(value);
  return text === undefined ? null : `j${text}`;
}

export function rememberTimeChecks<T>(
  check: (claims: Record<string, unknown>, at: Date) => T,
): (claims: Record<string, unknown>, at: Date) => T {
  const memo = boundedMemo<T>(64);
  return (claims, at) => {
    const times: Record<string, unknown> = {};
    for (const name of timeClaims) if (name in claims) times[name] = claims[name];
    const parts = timeClaims.map((name) => (name in times ? keyPart(times[name]) : "absent"));
    if (parts.includes(null)) return check(times, at);
    return memo(`${at.getTime()} ${parts.join(" ")}`, () => check(times, at));
  };
}
