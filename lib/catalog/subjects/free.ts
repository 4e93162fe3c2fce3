import { z } from "zod";
import type { IssuerKind } from "@/lib/catalog/issuer-kinds";

// A subject typed as the token carries it, for issuers whose `sub` Fedlens
// does not build. Kept byte for byte (every cloud compares `sub` exactly), so
// surrounding spaces are an error, not something to trim. Entra limits a FIC
// subject to 600 characters (CLOUDS.md 1.5).
export const ZFreeSubjectSpec = z
  .object({
    kind: z.literal("free"),
    subject: z
      .string()
      .min(1, "is required")
      .max(600, "must be at most 600 characters (Entra's limit for a subject)")
      .refine(
        (value) => value.trim() === value,
        "must not start or end with spaces: clouds compare sub byte for byte",
      ),
  })
  .strict();
export type TFreeSubjectSpec = z.infer<typeof ZFreeSubjectSpec>;

export function buildFreeSubject(spec: TFreeSubjectSpec): string {
  return spec.subject;
}

export type FreeSubjectHelp = { format: string; help: string };

// Documented `sub` shapes per issuer (CLOUDS.md §4).
const helpByKind: Record<IssuerKind, FreeSubjectHelp> = {
  "github-actions": {
    format: "repo:<owner>/<repo>:<environment:NAME | pull_request | ref:refs/heads/BRANCH>",
    help: "Unless the repository uses a custom subject template.",
  },
  gitlab: {
    format: "project_path:<group>/<project>:ref_type:<branch|tag>:ref:<name>",
    help: "Projects that set ci_id_token_sub_claim_components may lead with project_id:<id>.",
  },
  "kubernetes-aks": kubernetesHelp(),
  "kubernetes-eks": kubernetesHelp(),
  "kubernetes-gke": kubernetesHelp(),
  "kubernetes-other": kubernetesHelp(),
  "terraform-cloud": {
    format: "organization:<org>:project:<project>:workspace:<workspace>:run_phase:<plan|apply>",
    help: "The default project is literally 'Default Project', with a space.",
  },
  "azure-devops": {
    format: "<entra prefix>/sc/<organization id>/<service connection id>",
    help: "Copy it from the service connection. Older connections (issuer https://vstoken.dev.azure.com/<organization id>) use sc://<organization>/<project>/<service connection>, which breaks when the organization or project is renamed.",
  },
  circleci: {
    format: "org/<ORG_ID>/project/<PROJECT_ID>/user/<USER_ID>",
    help: "All three are UUIDs from CircleCI's settings pages.",
  },
  keycloak: {
    format: "<service-account user id>",
    help: "For a client-credentials token, sub is the id (a UUID) of the client's service-account user, shown under the client's Service account roles.",
  },
  spire: {
    format: "spiffe://<trust domain>/<path>",
    help: "The workload's SPIFFE ID, e.g. spiffe://example.org/ns/demo/sa/demo.",
  },
  generic: {
    format: "<sub>",
    help: "Exactly the sub claim your tokens carry: decode one and copy it.",
  },
};

function kubernetesHelp(): FreeSubjectHelp {
  return {
    format: "system:serviceaccount:<namespace>:<service account>",
    help: "Projected service-account tokens carry this sub.",
  };
}

/** The documented `sub` format for a kind of issuer, shown beside a free subject field. */
export function freeSubjectHelp(issuerKind: IssuerKind): FreeSubjectHelp {
  return helpByKind[issuerKind];
}
