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
    let key: string | null = String(at.getTime());
    for (const name of timeClaims) {
      const present = name in claims;
      if (present) times[name] = claims[name];
      const part = present ? keyPart(times[name]) : "absent";
      key = part === null || key === null ? null : `${key} ${part}`;
    }
    return key === null ? check(times, at) : memo(key, () => check(times, at));
  };
}
