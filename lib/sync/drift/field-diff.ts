// Field-level differences between two JSON values: the cloud's object and
// the catalogue's, both in the shape the catalogue displays, so a path here
// is a path the operator sees on the binding page.

export type FieldDifference = {
  /** e.g. `subject`, `audiences[0]`, `Statement[0].Condition.StringEquals["…:sub"]`. */
  path: string;
  /** Absent when the cloud's object has no such field. */
  cloud?: unknown;
  /** Absent when the catalogue's object has no such field. */
  catalog?: unknown;
};

const identifier = /^[A-Za-z_$][\w$]*$/;

function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  if (identifier.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function difference(path: string, cloud: unknown, catalog: unknown): FieldDifference {
  return {
    path: path || "(whole object)",
    ...(cloud === undefined ? {} : { cloud }),
    ...(catalog === undefined ? {} : { catalog }),
  };
}

/** Every leaf where the two differ, in a stable order (keys sorted, arrays by index). */
export function diffValues(cloud: unknown, catalog: unknown, path = ""): FieldDifference[] {
  if (Array.isArray(cloud) && Array.isArray(catalog)) {
    const length = Math.max(cloud.length, catalog.length);
    return Array.from({ length }, (_, index) =>
      diffValues(cloud[index], catalog[index], join(path, index)),
    ).flat();
  }
  if (isRecord(cloud) && isRecord(catalog)) {
    const keys = [...new Set([...Object.keys(cloud), ...Object.keys(catalog)])].sort();
    return keys.flatMap((key) => diffValues(cloud[key], catalog[key], join(path, key)));
  }
  if (cloud === catalog) return [];
  if (cloud === undefined && catalog === undefined) return [];
  return [difference(path, cloud, catalog)];
}
