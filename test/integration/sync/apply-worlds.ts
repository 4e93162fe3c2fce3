// One parent per cloud for the apply tests (an Azure identity, an AWS role,
// a GCP service account behind a provider), seeded in its backend holding
// only objects Fedlens does not own, and catalogued with no binding yet.
// Tests add bindings, plan and apply, then read the backend's own state:
// the object, the foreign objects beside it, and how many writes it took.
// This file holds what every world offers; each cloud's world is beside it.
import { updateBinding } from "@/lib/catalog/bindings/update-binding";
import type { TBinding } from "@/lib/schemas/binding";
import { createTestWorkload, uniqueSuffix } from "@/test/factories/catalog";
import type { TestUser } from "@/test/factories/users";
import { caller } from "./sync-support";

export type ApplyWorld = {
  name: string;
  /** Why the world cannot run here (moto missing), or false. */
  skip: string | false;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A fresh parent in the cloud and its catalogued target, no binding yet; returns the target id. */
  setUp(admin: TestUser): Promise<string>;
  /** A catalogue binding on the target for a new GitHub workload. */
  addBinding(): Promise<TBinding>;
  /** The binding's object as the backend holds it now, null when absent. */
  objectOf(binding: TBinding): Promise<Record<string, unknown> | null>;
  /** Edits the catalogue so the object must change; returns what the object must then match. */
  edit(admin: TestUser, binding: TBinding): Promise<Record<string, unknown>>;
  /** How many objects in the cloud grant what the binding grants (a duplicate would make 2). */
  copies(binding: TBinding): Promise<number>;
  /** The objects beside Fedlens's that it must never touch, exactly as the backend holds them. */
  foreign(): Promise<unknown>;
  /** Writes the backend has answered so far; null where the backend keeps no log (moto). */
  writes(): number | null;
};

/** A GitHub workload for `repo:acme/<repo>:environment:prod`. */
export function githubWorkload(repo = `app-${uniqueSuffix()}`) {
  return createTestWorkload({
    subjectSpec: { kind: "github", owner: "acme", repo, trigger: "environment", name: "prod" },
  });
}

export const editBinding = (admin: TestUser, binding: TBinding, spec: Record<string, unknown>) =>
  updateBinding({
    ...caller(admin),
    id: binding.id,
    expectedVersion: binding.version,
    input: { spec: spec as TBinding["spec"] & { cloud: "azure" } },
  });
