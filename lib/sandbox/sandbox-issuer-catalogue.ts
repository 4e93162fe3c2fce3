import "server-only";
import { randomUUID } from "node:crypto";
import { systemActor } from "@/lib/auth/actor";
import { createBinding } from "@/lib/catalog/bindings/create-binding";
import { createIssuer } from "@/lib/catalog/issuers/create-issuer";
import { updateIssuer } from "@/lib/catalog/issuers/update-issuer";
import { createTarget } from "@/lib/catalog/targets/create-target";
import { createWorkload } from "@/lib/catalog/workloads/create-workload";
import type { DbOrTx } from "@/lib/db/client";
import { pastedKeys } from "@/lib/tokens/pasted-keys";
import type { SandboxIssuerKey } from "@/lib/sandbox/sandbox-issuer-key";
import { sandboxIssuerName, sandboxIssuerUrl } from "@/lib/sandbox/sandbox-issuer";
import {
  sandboxBindings,
  sandboxIssuerTargetExternalIds,
  sandboxIssuerTargets,
  sandboxWorkloads,
} from "@/lib/sandbox/sandbox-issuer-estate";
import { ZIssuerCreateInput, ZIssuerUpdateInput } from "@/lib/schemas/issuer";

// The Sandbox issuer in the catalogue, added at each start where missing,
// through the console's own use-cases (their checks and audit events, by the
// system actor "sandbox"). The issuer holds its public key as pasted keys:
// Fedlens verifies sample tokens without fetching anything, while the
// emulators fetch discovery and JWKS as the clouds do. Rows the operator
// renamed or deleted are made again only under the original names; rows
// they edited are left as they are, except the issuer's key, which must be
// the sandbox's for its tokens to verify.

const notes =
  "Exists only for the sandbox: its key was made on this machine and only the built-in cloud emulators trust it. Ask a Sandbox workload's page for a sample token.";

export type SandboxCatalogue = { issuerId: string | null; created: number };

async function ensureIssuer(db: DbOrTx, key: SandboxIssuerKey, caller: () => Caller) {
  const jwks = { keys: [key.publicJwk] };
  const existing = await db.issuer.findUnique({
    where: { issuerUrl: sandboxIssuerUrl },
    select: { id: true, version: true, jwks: true },
  });
  if (!existing) {
    // An issuer of the operator's own holds the name: the sandbox goes without.
    const named = await db.issuer.findUnique({ where: { name: sandboxIssuerName } });
    if (named) return null;
    const input = ZIssuerCreateInput.parse({
      name: sandboxIssuerName,
      issuerUrl: sandboxIssuerUrl,
      kind: "generic",
      jwks,
      notes,
    });
    return { id: (await createIssuer({ ...caller(), input })).id, created: 1 };
  }
  const kids = pastedKeys(existing.jwks)?.keys.map((stored) => stored.kid);
  if (kids?.length !== 1 || kids[0] !== key.publicJwk.kid) {
    await updateIssuer({
      ...caller(),
      id: existing.id,
      expectedVersion: existing.version,
      input: ZIssuerUpdateInput.parse({ jwksUri: null, jwks }),
    });
  }
  return { id: existing.id, created: 0 };
}

type Caller = { actor: ReturnType<typeof systemActor>; requestId: string; db: DbOrTx };

/** Adds what is missing of the Sandbox issuer's catalogue; returns the issuer's id. */
export async function ensureSandboxIssuerCatalogue(
  db: DbOrTx,
  key: SandboxIssuerKey,
): Promise<SandboxCatalogue> {
  const actor = systemActor("sandbox");
  const caller = (): Caller => ({ actor, requestId: randomUUID(), db });
  const issuer = await ensureIssuer(db, key, caller);
  if (!issuer) return { issuerId: null, created: 0 };
  let created = issuer.created;
  const workloadIds = new Map<string, string>();
  for (const [keyName, workload] of Object.entries(sandboxWorkloads)) {
    const found = await db.workload.findUnique({
      where: { name: workload.name },
      select: { id: true, issuerId: true },
    });
    if (found) {
      if (found.issuerId === issuer.id) workloadIds.set(keyName, found.id);
      continue;
    }
    const input = {
      name: workload.name,
      issuerId: issuer.id,
      team: "sandbox",
      description: workload.description,
      subjectSpec: { kind: "free" as const, subject: workload.subject },
    };
    workloadIds.set(keyName, (await createWorkload({ ...caller(), input })).id);
    created += 1;
  }
  const targetIds = new Map<string, string>();
  const externalIds = sandboxIssuerTargetExternalIds();
  for (const [index, input] of sandboxIssuerTargets.entries()) {
    const found = await db.cloudTarget.findUnique({
      where: { name: input.name },
      select: { id: true, externalId: true },
    });
    // A target of the operator's under this name is not the sandbox's: left alone.
    if (found) {
      if (found.externalId === externalIds[index]) targetIds.set(input.name, found.id);
      continue;
    }
    targetIds.set(input.name, (await createTarget({ ...caller(), input })).id);
    created += 1;
  }
  for (const binding of sandboxBindings) {
    const workloadId = workloadIds.get(binding.workload);
    const targetId = targetIds.get(binding.target);
    const name = String(binding.spec.name ?? binding.spec.sid);
    if (!workloadId || !targetId) continue;
    const found = await db.binding.findFirst({ where: { targetId, name }, select: { id: true } });
    if (found) continue;
    await createBinding({ ...caller(), input: { workloadId, targetId, spec: binding.spec } });
    created += 1;
  }
  return { issuerId: issuer.id, created };
}
