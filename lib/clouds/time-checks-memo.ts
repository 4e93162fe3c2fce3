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

const absent = Symbol("absent");

function timeClaim(claims: Record<string, unknown>, name: string): unknown {
  return name in claims ? claims[name] : absent;
}

type Last<T> = { at: number; exp: unknown; nbf: unknown; iat: unknown; answer: T };

export function rememberTimeChecks<T>(
  check: (claims: Record<string, unknown>, at: Date) => T,
): (claims: Record<string, unknown>, at: Date) => T {
  const memo = boundedMemo<T>(64);
  // The trust map asks with the very same times token after token: the last
  // remembered answer is tried first, by identity of the values, before a
  // key is spelled and hashed. Identical values always spell the same key.
  let last: Last<T> | null = null;
  return (claims, at) => {
    const when = at.getTime();
    const exp = timeClaim(claims, "exp");
    const nbf = timeClaim(claims, "nbf");
    const iat = timeClaim(claims, "iat");
    if (last && last.at === when && last.exp === exp && last.nbf === nbf && last.iat === iat) {
      return last.answer;
    }
    const times: Record<string, unknown> = {};
    let key: string | null = String(when);
    const values = { exp, nbf, iat };
    for (const name of timeClaims) {
      const value = values[name];
      if (value !== absent) times[name] = value;
      const part = value === absent ? "absent" : keyPart(value);
      key = part === null || key === null ? null : `${key} ${part}`;
    }
    if (key === null) return check(times, at);
    const answer = memo(key, () => check(times, at));
    last = { at: when, exp, nbf, iat, answer };
    return answer;
  };
}
