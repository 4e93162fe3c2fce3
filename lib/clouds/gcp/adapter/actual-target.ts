import type { ActualBinding, ActualTarget } from "@/lib/clouds/adapter-types";
import { ZGcpBindingSpec, type TGcpBindingSpec } from "@/lib/clouds/gcp/binding-spec";
import { gcpCatalog } from "@/lib/clouds/gcp/index";
import { grantKey, readGrant, type Grant } from "@/lib/clouds/gcp/adapter/grants";
import {
  gcpProviderIdentity,
  ZGcpProviderConfig,
  type TGcpProviderConfig,
} from "@/lib/clouds/gcp/target-config";

// A provider as IAM holds it, in the catalogue's terms.
//
// Which grants belong to which provider: a principal:// or principalSet://
// member names a pool, not a provider, and IAM lets every provider of the
// pool reach it (https://cloud.google.com/iam/docs/workload-identity-federation#mapping).
// So a grant to a pool's identities is a binding of each provider of that
// pool: drift of one provider sees every grant its tokens can use, and import
// offers the grant once per provider (matching by key finds it already
// catalogued after the first).
//
// Foreign (shown, never imported): a conditional grant to this pool (the
// catalogue's binding has no condition), a grant to a group of this pool,
// and a grant to another pool's identities on a service account this
// provider's bindings also use (who else can impersonate it).

export type PoolResource = {
  name?: string | null;
  state?: string | null;
  disabled?: boolean | null;
};
export type ProviderResource = PoolResource & {
  displayName?: string | null;
  attributeMapping?: Record<string, string> | null;
  attributeCondition?: string | null;
  oidc?: { issuerUri?: string | null; allowedAudiences?: string[] | null } | null;
};

// projects/N/locations/global/workloadIdentityPools/POOL/providers/ID
// https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.providers (name)
const PROVIDER_NAME =
  /^projects\/(\d+)\/locations\/global\/workloadIdentityPools\/([^/]+)\/providers\/([^/]+)$/;

/** The provider's config, or why it is not one Fedlens can catalogue. */
export function providerConfig(
  provider: ProviderResource,
  pool: PoolResource,
  serviceAccountEmail: string | null,
): { config: TGcpProviderConfig } | { problem: string } {
  const [, projectNumber, poolId, providerId] = PROVIDER_NAME.exec(provider.name ?? "") ?? [];
  if (!projectNumber || !poolId || !providerId)
    return { problem: "its name is not a provider name" };
  if (!provider.oidc)
    return { problem: "it is not an OIDC provider (AWS, SAML and X.509 are not catalogued)" };
  const parsed = ZGcpProviderConfig.safeParse({
    projectNumber,
    poolId,
    providerId,
    ...(provider.displayName ? { displayName: provider.displayName } : {}),
    issuerUri: provider.oidc.issuerUri,
    allowedAudiences: provider.oidc.allowedAudiences ?? [],
    attributeMapping: provider.attributeMapping ?? {},
    attributeCondition: provider.attributeCondition ?? null,
    disabled: provider.disabled ?? false,
    ...(pool.disabled ? { poolDisabled: true } : {}),
    serviceAccountEmail,
  });
  if (!parsed.success) {
    return {
      problem: `its settings do not fit the catalogue (${parsed.error.issues[0]?.message ?? "invalid"})`,
    };
  }
  return { config: parsed.data };
}

/**
 * The catalogue's own cloud object of one grant, without its siblings: the
 * catalogue lists every member of the same account and role in one object,
 * so compared per binding, one unmanaged member beside it would drift them
 * all (the unmanaged member is reported on its own).
 */
export function comparableGcpCloudObject(spec: TGcpBindingSpec, config: TGcpProviderConfig) {
  return gcpCatalog.cloudObject({
    spec,
    target: { id: "", kind: "gcp-provider", name: config.providerId, config },
    workload: { id: "", name: "", subject: "", subjectSpec: null },
    issuer: { issuerUrl: config.issuerUri, kind: "generic" },
    siblings: [],
  });
}

/** Bindings and foreign grants of one provider, from the grants of the service accounts read. */
export function actualTarget(config: TGcpProviderConfig, grants: Grant[]): ActualTarget {
  const specs: TGcpBindingSpec[] = [];
  const foreign: NonNullable<ActualTarget["foreign"]> = [];
  const otherPools: { grant: Grant; description: string }[] = [];
  for (const grant of grants) {
    const reading = readGrant(grant, config);
    if (reading.kind === "unrelated") continue;
    if (reading.kind === "foreign" && reading.otherPool) {
      otherPools.push({ grant, description: reading.description });
      continue;
    }
    const parsed = reading.kind === "binding" ? ZGcpBindingSpec.safeParse(reading.spec) : null;
    if (parsed?.success) {
      specs.push(parsed.data);
      continue;
    }
    const description =
      reading.kind === "foreign"
        ? reading.description
        : `A grant the catalogue cannot hold (too long a value): ${grant.member}.`;
    foreign.push({ key: foreignKey(grant), description, cloudObject: grant });
  }
  const usedAccounts = new Set(specs.map((spec) => spec.serviceAccountEmail));
  if (config.serviceAccountEmail) usedAccounts.add(config.serviceAccountEmail);
  for (const { grant, description } of otherPools) {
    if (usedAccounts.has(grant.serviceAccountEmail)) {
      foreign.push({ key: foreignKey(grant), description, cloudObject: grant });
    }
  }
  const bindings: ActualBinding[] = specs.map((spec) => ({
    key: grantKey(spec),
    spec,
    cloudObject: comparableGcpCloudObject(spec, config),
  }));
  return {
    kind: "gcp-provider",
    config,
    externalId: gcpProviderIdentity(config).externalId,
    displayName: config.displayName ?? config.providerId,
    bindings,
    ...(foreign.length > 0 ? { foreign } : {}),
  };
}

function foreignKey(grant: Grant): string {
  const key = grantKey(grant);
  return grant.condition ? `${key} if ${grant.condition.expression}` : key;
}
