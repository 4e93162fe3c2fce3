/** google.subject first, then Google's other keys, then custom attributes by name (jsonb keeps no order). */
export function sortedMapping(mapping: Record<string, string>): [string, string][] {
  const rank = (key: string) => (key === "google.subject" ? 0 : key.startsWith("google.") ? 1 : 2);
  return Object.entries(mapping).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}
