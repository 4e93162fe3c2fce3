// The SSRF rules for one outbound URL (SECURITY.md §2.2–2.3). `planTarget`
// judges what the URL itself says; `refuseAddress` judges each address the
// socket is about to connect to, so that DNS rebinding between a check and
// the connect cannot happen: the connector calls it, not the caller.
import {
  ALLOW_LIST_VARIABLE,
  type AllowList,
  effectivePort,
  isAddressAllowed,
  isHostAllowed,
} from "./allow-list";
import { classifyAddress } from "./classify-address";

export type Target = {
  url: URL;
  /** The URL's host without IPv6 brackets, as the connector receives it. */
  host: string;
  /** The admin allow-listed this host (or host:port): every rule is lifted. */
  isHostAllowed: boolean;
  /** Not https on 443: only an allow-listed address may be connected to. */
  needsAllowedAddress: boolean;
};

export type PlannedTarget = { ok: true; target: Target } | { ok: false; error: string };

const isIpLiteral = (host: string) => /^[\d.]+$/.test(host) || host.includes(":");

function allowHint(what: string): string {
  return `add ${what} to ${ALLOW_LIST_VARIABLE} to allow it`;
}

function describeNonStandard(url: URL): string {
  return url.protocol === "https:"
    ? `port ${effectivePort(url)} is not 443`
    : `${url.protocol.slice(0, -1)} is not https`;
}

export function planTarget(rawUrl: string, allowList: AllowList): PlannedTarget {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, error: "refused: not a valid URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, error: `refused: only https URLs are fetched, not ${url.protocol}` };
  }
  // `https://user:pass@evil@127.0.0.1` style confusion (SECURITY.md §2.2),
  // and credentials have no business in a discovery or JWKS URL.
  if (url.username || url.password) {
    return { ok: false, error: "refused: the URL carries a user name or password" };
  }
  url.hash = "";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const hostAllowed = isHostAllowed(allowList, url);
  const needsAllowedAddress =
    !hostAllowed && !(url.protocol === "https:" && effectivePort(url) === 443);
  const target: Target = { url, host, isHostAllowed: hostAllowed, needsAllowedAddress };

  // undici does not call `lookup` for IP literals (SECURITY.md §2.3 [lab]),
  // so a literal is judged here as well as in the connector.
  if (isIpLiteral(host)) {
    const refusal = refuseAddress(target, host, allowList);
    return refusal ? { ok: false, error: refusal } : { ok: true, target };
  }
  // A name can still resolve into an allow-listed range; without ranges
  // there is nothing to wait for.
  if (needsAllowedAddress && allowList.ranges.length === 0) {
    return {
      ok: false,
      error: `refused: ${describeNonStandard(url)}; ${allowHint(url.host)}`,
    };
  }
  return { ok: true, target };
}

/** Why the connection to `address` must not be opened, or undefined when it may. */
export function refuseAddress(
  target: Target,
  address: string,
  allowList: AllowList,
): string | undefined {
  if (target.isHostAllowed || isAddressAllowed(allowList, address)) return undefined;
  const verdict = classifyAddress(address);
  const isLiteral = address === target.host;
  if (!verdict.allowed) {
    return isLiteral
      ? `refused: ${address} is ${verdict.reason}; ${allowHint("it")}`
      : `refused: ${target.host} resolved to ${address}, ${verdict.reason}; ${allowHint(target.host)}`;
  }
  if (target.needsAllowedAddress) {
    return `refused: ${describeNonStandard(target.url)}; ${allowHint(target.url.host)}`;
  }
  return undefined;
}
