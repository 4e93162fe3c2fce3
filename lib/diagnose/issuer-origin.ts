/** The scheme and host of a URL-looking `iss`, to find its near misses; null when it is not a URL. */
export function issuerOrigin(iss: string): string | null {
  try {
    const url = new URL(iss.trim());
    return `${url.protocol}//${url.host}`;
  } catch {
    return null;
  }
}
