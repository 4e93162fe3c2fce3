// Postgres holds enum labels with hyphens ("github-actions", "in-sync");
// Prisma names the members with underscores. The API speaks the hyphens.

export function toDbEnum<T extends string>(value: string): T {
  return value.replaceAll("-", "_") as T;
}

export function fromDbEnum<T extends string>(value: string): T {
  return value.replaceAll("_", "-") as T;
}
