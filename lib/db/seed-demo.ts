import "server-only";
import { randomUUID } from "node:crypto";
import { systemActor } from "@/lib/auth/actor";
import { createIssuer } from "@/lib/catalog/issuers/create-issuer";
import { getDb } from "@/lib/db/client";
import type { TIssuerCreateInput } from "@/lib/schemas/issuer";

// Issuers from the scenarios operators bring to Fedlens (CLOUDS.md §4).
export const demoIssuers: TIssuerCreateInput[] = [
  {
    name: "GitHub Actions",
    issuerUrl: "https://token.actions.githubusercontent.com",
    kind: "github-actions",
    notes: "Shared by every github.com repository; no trailing slash.",
  },
  {
    name: "AKS prod-westeurope",
    issuerUrl:
      "https://westeurope.oic.prod-aks.azure.com/4c8a7f0e-2b1d-4e9a-9c3f-6d5e8b7a1c20/9b2e4d6f-1a3c-4e5b-8d7f-0c1e2a3b4c5d/",
    kind: "kubernetes-aks",
    notes: "AKS issuers end with a slash; a FIC without it fails with AADSTS70021.",
  },
  {
    name: "Keycloak platform realm",
    issuerUrl: "https://keycloak.example.com/realms/platform",
    kind: "keycloak",
    notes: "Client-credentials tokens for internal services.",
  },
  {
    name: "HCP Terraform",
    issuerUrl: "https://app.terraform.io",
    kind: "terraform-cloud",
    notes: "Dynamic provider credentials for plan and apply runs.",
  },
  {
    name: "GitLab.com",
    issuerUrl: "https://gitlab.com",
    kind: "gitlab",
    notes: "ID tokens from gitlab.com CI jobs.",
  },
];

/** Adds the demo issuers that are not catalogued yet; returns how many it added. */
export async function seedDemo(): Promise<number> {
  const db = getDb();
  const present = new Set(
    (await db.issuer.findMany({ select: { issuerUrl: true, name: true } })).flatMap((row) => [
      row.issuerUrl,
      row.name,
    ]),
  );
  const actor = systemActor("seed");
  let added = 0;
  for (const input of demoIssuers) {
    if (present.has(input.issuerUrl) || present.has(input.name)) continue;
    await createIssuer({ actor, requestId: randomUUID(), input });
    added += 1;
  }
  return added;
}
