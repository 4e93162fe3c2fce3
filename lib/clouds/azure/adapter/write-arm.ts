import type { TAzureBindingSpec } from "@/lib/clouds/azure/binding-spec";
import type { TAzureUamiConfig } from "@/lib/clouds/azure/target-config";
import { ficResourceId, flexibleApiVersion, getIdentityFic, parsePreviewFic } from "./arm-read";
import { requestJson } from "./clients";
import { unexpectedResponse } from "./explain";
import type { ReadContext } from "./read-context";
import { ZArmFic, type FicFields } from "./responses";

// A managed identity's credentials written through @azure/arm-msi (api
// 2024-11-30): createOrUpdate is an idempotent PUT by name, delete answers 200
// or 204 (CLOUDS.md 1.1).
// https://learn.microsoft.com/en-us/rest/api/managedidentity/federated-identity-credentials/create-or-update
// A flexible credential (claimsMatchingExpression) exists only on the preview
// version, sent through the same client's pipeline (CLOUDS.md 1.1, 1.6).

export type StoredFic = FicFields & { id: string };

/** The preview PUT when either side is flexible: a stable PUT could not set or clear the expression. */
function isFlexibleWrite(spec: TAzureBindingSpec, current: StoredFic | null): boolean {
  return spec.claimsMatchingExpression !== undefined || current?.claimsMatchingExpression != null;
}

export function armFicStore(ctx: ReadContext, config: TAzureUamiConfig) {
  const { subscriptionId, resourceGroup, identityName } = config;
  const client = () => ctx.clients.arm(subscriptionId);
  const options = { abortSignal: ctx.signal };
  return {
    read: (name: string) => getIdentityFic(ctx, config, name),
    async write(spec: TAzureBindingSpec, current: StoredFic | null): Promise<StoredFic> {
      const { name, issuer, audiences, subject, claimsMatchingExpression } = spec;
      if (!isFlexibleWrite(spec, current)) {
        const written = await ctx.call(() =>
          client().federatedIdentityCredentials.createOrUpdate(
            resourceGroup,
            identityName,
            name,
            { issuer, subject, audiences },
            options,
          ),
        );
        const fic = ZArmFic.safeParse(written);
        if (!fic.success) throw unexpectedResponse(ficResourceId(config, name), fic.error.message);
        return fic.data;
      }
      const id = ficResourceId(config, name);
      const url = `${ctx.clients.armEndpoint}${id}?api-version=${flexibleApiVersion}`;
      const properties = {
        issuer,
        audiences,
        ...(subject ? { subject } : { claimsMatchingExpression }),
      };
      const body = await ctx.call(() =>
        requestJson(client(), { method: "PUT", url, body: { properties } }, ctx.signal),
      );
      return parsePreviewFic(body, id);
    },
    async remove(current: StoredFic): Promise<void> {
      await ctx.call(() =>
        client().federatedIdentityCredentials.delete(
          resourceGroup,
          identityName,
          current.name,
          options,
        ),
      );
    },
  };
}
