import type {
  ActualTarget,
  ConnectionOf,
  DiscoverProgress,
  DiscoverResult,
} from "@/lib/clouds/adapter-types";
import { listIdentities, listIdentityFics, uamiConfigOf } from "./arm-read";
import { explainAzureError } from "./explain";
import { getApplication, listApplicationFics } from "./graph-read";
import { createLimiter } from "./limiter";
import type { ReadContext } from "./read-context";
import { toActualTarget } from "./to-actual";

type Options = { concurrency: number; onProgress?: DiscoverProgress };

// Import reads every user-assigned identity in scope and every named app
// registration, with their FICs. Identity listings page on; each identity's
// FICs are read as soon as its page lands, at most `concurrency` requests in
// flight, so 1,000 FICs over 50 identities cost about (pages + 50) requests ÷
// concurrency round trips, not 1,000. One object that cannot be read is
// reported in `errors` and the rest goes on.
export async function discoverAzure(
  connection: ConnectionOf<"azure">,
  ctx: ReadContext,
  options: Options,
): Promise<DiscoverResult> {
  const run = createLimiter(options.concurrency);
  const targets: ActualTarget[] = [];
  const errors: DiscoverResult["errors"] = [];
  const reads: Promise<void>[] = [];
  let listed = connection.scope.applicationObjectIds.length;
  let read = 0;
  const report = (message: string, isListed = false) =>
    options.onProgress?.({ read, ...(isListed ? { total: listed } : {}), message });

  const attempt = (object: string, work: () => Promise<ActualTarget>) =>
    reads.push(
      run(work).then(
        (target) => {
          targets.push(target);
          read += 1;
          report(`Read ${target.displayName}`);
        },
        (error: unknown) => {
          errors.push({ object, error: { ...explainAzureError(error), object } });
          read += 1;
          report(`Could not read ${object}`);
        },
      ),
    );

  const readIdentity = (value: unknown) => {
    const object = (value as { id?: unknown }).id;
    attempt(typeof object === "string" ? object : "a user-assigned identity", async () => {
      const config = uamiConfigOf(value);
      const fics = await listIdentityFics(ctx, config);
      return toActualTarget({ kind: "azure-uami", config }, config.identityName, fics);
    });
  };

  const { tenantId, subscriptionIds, resourceGroups, applicationObjectIds } = connection.scope;
  for (const objectId of applicationObjectIds) {
    attempt(`application ${objectId}`, async () => {
      const config = await getApplication(ctx, tenantId, objectId);
      const fics = await listApplicationFics(ctx, objectId);
      return toActualTarget(
        { kind: "azure-app", config },
        config.displayName ?? objectId,
        fics.map(({ id: _id, ...fields }) => fields),
      );
    });
  }
  const listings = subscriptionIds.flatMap((subscriptionId) =>
    (resourceGroups.length ? resourceGroups : [undefined]).map((resourceGroup) => {
      const scopeName = resourceGroup
        ? `resource group ${resourceGroup} of subscription ${subscriptionId}`
        : `subscription ${subscriptionId}`;
      return run(() =>
        listIdentities(ctx, subscriptionId, resourceGroup, (page) => {
          listed += page.length;
          page.forEach(readIdentity);
        }),
      ).catch((error: unknown) => {
        errors.push({
          object: scopeName,
          error: { ...explainAzureError(error), object: scopeName },
        });
      });
    }),
  );
  await Promise.all(listings);
  report("Listed every identity in scope", true);
  // reads grows while listings run; every push happened before the listings settled.
  await Promise.all(reads);
  report(`Read ${read} of ${listed}`, true);
  return { targets, errors };
}
