// The flags each exported command may use, copied by hand from the CLIs'
// reference pages (global flags included where the export uses one). A flag
// that is not here is not documented, and the test fails.

export const documentedFlags: Record<
  string,
  { url: string; words: number; flags: string[]; required: string[] }
> = {
  "az identity federated-credential create": {
    url: "https://learn.microsoft.com/en-us/cli/azure/identity/federated-credential?view=azure-cli-latest#az-identity-federated-credential-create",
    words: 4,
    flags: [
      "--identity-name",
      "--name",
      "--resource-group",
      "--audiences",
      "--issuer",
      "--subject",
      "--subscription",
    ],
    required: ["--identity-name", "--name", "--resource-group", "--issuer"],
  },
  "az ad app federated-credential create": {
    url: "https://learn.microsoft.com/en-us/cli/azure/ad/app/federated-credential?view=azure-cli-latest#az-ad-app-federated-credential-create",
    words: 5,
    flags: ["--id", "--parameters"],
    required: ["--id", "--parameters"],
  },
  "az rest": {
    url: "https://learn.microsoft.com/en-us/cli/azure/reference-index?view=azure-cli-latest#az-rest",
    words: 2,
    flags: [
      "--url",
      "--uri",
      "--method",
      "--body",
      "--headers",
      "--output-file",
      "--resource",
      "--skip-authorization-header",
      "--uri-parameters",
    ],
    required: ["--url"],
  },
  "aws iam create-open-id-connect-provider": {
    url: "https://docs.aws.amazon.com/cli/latest/reference/iam/create-open-id-connect-provider.html",
    words: 3,
    flags: ["--url", "--client-id-list", "--thumbprint-list", "--tags"],
    required: ["--url"],
  },
  "aws iam update-assume-role-policy": {
    url: "https://docs.aws.amazon.com/cli/latest/reference/iam/update-assume-role-policy.html",
    words: 3,
    flags: ["--role-name", "--policy-document"],
    required: ["--role-name", "--policy-document"],
  },
  "gcloud iam workload-identity-pools providers create-oidc": {
    url: "https://cloud.google.com/sdk/gcloud/reference/iam/workload-identity-pools/providers/create-oidc",
    words: 5,
    flags: [
      "--location",
      "--workload-identity-pool",
      "--issuer-uri",
      "--allowed-audiences",
      "--attribute-condition",
      "--attribute-mapping",
      "--description",
      "--disabled",
      "--display-name",
      "--jwk-json-path",
      "--async",
      "--project",
    ],
    required: ["--location", "--workload-identity-pool", "--issuer-uri"],
  },
  "gcloud iam service-accounts add-iam-policy-binding": {
    url: "https://cloud.google.com/sdk/gcloud/reference/iam/service-accounts/add-iam-policy-binding",
    words: 4,
    flags: ["--member", "--role", "--condition", "--condition-from-file", "--project"],
    required: ["--member", "--role"],
  },
};
