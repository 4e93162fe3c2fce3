import { UnquotableValueError } from "@/lib/sync/export/shell";

// gcloud list and dictionary flags (`gcloud topic escaping`,
// cloud.google.com/sdk/gcloud/reference/topic/escaping): items are split on
// ',' unless the value starts with ^DELIM^, which names another delimiter.
// A CEL mapping often holds commas, so a delimiter that no item contains is
// chosen; a value that itself starts with '^' gets an explicit ^,^.

const delimiters = [",", ";", "|", "~", "#", "!", "&", "+", "*"];

export function gcloudList(items: string[]): string {
  const delimiter = delimiters.find((candidate) =>
    items.every((item) => !item.includes(candidate)),
  );
  if (delimiter === undefined) {
    throw new UnquotableValueError("the values hold every delimiter a gcloud list can use");
  }
  const joined = items.join(delimiter);
  return delimiter === "," && !joined.startsWith("^") ? joined : `^${delimiter}^${joined}`;
}

/** KEY=VALUE pairs; gcloud splits each at its first '=', and attribute names hold none. */
export function gcloudDict(entries: Record<string, string>): string {
  return gcloudList(Object.entries(entries).map(([key, value]) => `${key}=${value}`));
}
