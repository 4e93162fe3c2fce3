// The order of a target's bindings wherever its cloud object is put
// together from them (an AWS role's trust policy is one document): by name,
// then id, compared as plain text. Loaders sort with it after the query,
// since a database's collation may order names otherwise, and the trust map
// sorts with it too, so a refusal cites the same statement number on a
// binding's page, in the risk register and on the map.

type Ordered = { id: string; name: string };

export function bySiblingOrder(a: Ordered, b: Ordered): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
