import type { TGcpProviderConfig } from "@/lib/clouds/gcp/target-config";
import { hclAttributes } from "@/lib/sync/export/hcl";
import { shellCommand, shellFlags } from "@/lib/sync/export/shell";
import type { CloudExporter, ExportSource } from "@/lib/sync/export/export-types";
import type { ExportPart } from "@/lib/sync/export/render-parts";
import { gcloudDict, gcloudList } from "@/lib/clouds/gcp/gcloud-args";

// The pool provider and the service accounts' IAM members as Terraform and
// gcloud commands, from the object the catalogue shows
// (cloudCatalog("gcp").cloudObject).

type GcpObject = {
  issuerUri: string;
  allowedAudiences: string[];
  attributeMapping: Record<string, string>;
  attributeCondition: string | null;
  disabled: boolean;
  serviceAccountIamPolicy: { serviceAccount: string; role: string; members: string[] };
};

/** The provider's settings: the same fields in a binding's object and in the target's settings. */
type ProviderFields = Omit<GcpObject, "serviceAccountIamPolicy">;

function providerPart(config: TGcpProviderConfig, object: ProviderFields): ExportPart {
  const audiences = object.allowedAudiences.length > 0 ? object.allowedAudiences : undefined;
  const condition = object.attributeCondition ?? undefined;
  return {
    resources: [
      {
        // registry.terraform.io/providers/hashicorp/google/latest/docs/resources/iam_workload_identity_pool_provider
        type: "google_iam_workload_identity_pool_provider",
        name: config.providerId,
        items: [
          ...hclAttributes([
            ["project", config.projectNumber],
            ["workload_identity_pool_id", config.poolId],
            ["workload_identity_pool_provider_id", config.providerId],
            ["display_name", config.displayName],
            ["disabled", object.disabled ? true : undefined],
            ["attribute_mapping", object.attributeMapping],
            ["attribute_condition", condition],
          ]),
          {
            block: "oidc",
            body: hclAttributes([
              ["issuer_uri", object.issuerUri],
              ["allowed_audiences", audiences],
            ]),
          },
        ],
      },
    ],
    commands: () => [
      shellCommand(
        ["gcloud", "iam", "workload-identity-pools", "providers", "create-oidc", config.providerId],
        [
          ...shellFlags([
            ["--project", config.projectNumber],
            ["--location", "global"],
            ["--workload-identity-pool", config.poolId],
            ["--display-name", config.displayName],
            ["--issuer-uri", object.issuerUri],
            ["--allowed-audiences", audiences && gcloudList(audiences)],
            ["--attribute-mapping", gcloudDict(object.attributeMapping)],
            ["--attribute-condition", condition],
          ]),
          ...(object.disabled ? [{ flag: "--disabled" }] : []),
        ],
      ),
    ],
  };
}

type Member = { serviceAccount: string; role: string; member: string };

function memberPart({ serviceAccount, role, member }: Member): ExportPart {
  return {
    resources: [
      {
        // registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_service_account_iam
        type: "google_service_account_iam_member",
        name: `${serviceAccount.split("@")[0] ?? "service_account"}_member`,
        items: hclAttributes([
          ["service_account_id", `projects/-/serviceAccounts/${serviceAccount}`],
          ["role", role],
          ["member", member],
        ]),
      },
    ],
    commands: () => [
      shellCommand(
        ["gcloud", "iam", "service-accounts", "add-iam-policy-binding", serviceAccount],
        shellFlags([
          ["--role", role],
          ["--member", member],
        ]),
      ),
    ],
  };
}

function gcpParts(source: ExportSource): ExportPart[] {
  const objects = source.bindings.map((binding) => binding.cloudObject as GcpObject);
  const config = source.target.config as TGcpProviderConfig;
  // Every binding's object carries its service account's members, siblings included.
  const members = new Map<string, Member>();
  for (const { serviceAccountIamPolicy: policy } of objects) {
    for (const member of policy.members) {
      const entry = { serviceAccount: policy.serviceAccount, role: policy.role, member };
      members.set(JSON.stringify(entry), entry);
    }
  }
  return [
    // A target without bindings still has its provider.
    providerPart(config, objects[0] ?? config),
    ...[...members.values()].map(memberPart),
  ];
}

export const gcpExporter: CloudExporter = {
  cliFormat: "gcloud",
  parts: gcpParts,
};
