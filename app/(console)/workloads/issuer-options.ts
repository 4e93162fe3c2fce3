import "server-only";
import type { IssuerOption } from "@/components/workloads/workload-form";
import { listIssuers } from "@/lib/catalog/issuers/list-issuers";
import { maxPageSize } from "@/lib/pagination";

// Enough for any select a person can use; the catalogue is paged past this.
const maxOptions = 1000;

/** Catalogued issuers by name, for selects and filters. */
export async function loadIssuerOptions(): Promise<IssuerOption[]> {
  const options: IssuerOption[] = [];
  let cursor: string | undefined;
  do {
    const page = await listIssuers({ query: { limit: maxPageSize, cursor } });
    options.push(
      ...page.data.map(({ id, name, kind, issuerUrl }) => ({ id, name, kind, issuerUrl })),
    );
    cursor = page.nextCursor ?? undefined;
  } while (cursor && options.length < maxOptions);
  return options;
}
