import { publicOrigin } from "@/lib/env";

// One name for next-auth to set and for our resolver to read. Over https the
// __Host- prefix pins it to this origin, Secure, Path=/ (RFC 6265bis §4.1.3.2).
export function sessionCookieName(origin = publicOrigin()): string {
  return origin.startsWith("https:") ? "__Host-fedlens.session" : "fedlens.session";
}

export function readCookie(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) {
      return decodeURIComponent(part.slice(index + 1).trim());
    }
  }
  return undefined;
}
