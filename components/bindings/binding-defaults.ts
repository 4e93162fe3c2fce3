import { ZFicName } from "@/lib/clouds/azure/fic-name";
import type { BindingParties } from "@/components/bindings/types";

// Starting values a new binding's form proposes, derived from the workload
// so the common case is a review, not a transcription.

function words(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** Appends -2, -3… (or 2, 3… when `separator` is empty) until the name is free. */
function unused(base: string, taken: ReadonlySet<string>, max: number, separator = "-"): string {
  if (!taken.has(base)) return base;
  for (let index = 2; ; index += 1) {
    const suffix = `${separator}${index}`;
    const candidate = `${base.slice(0, max - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function siblingNames(parties: BindingParties): Set<string> {
  return new Set(parties.siblings.map((sibling) => sibling.name));
}

/** A lower-case slug that passes ZFicName (CLOUDS.md 1.5: 3–120, [A-Za-z0-9_-], alphanumeric first). */
export function defaultFicName(parties: BindingParties): string {
  let slug = words(parties.workload.name).join("-").toLowerCase().slice(0, 120);
  slug = slug.replace(/-+$/, "");
  if (!slug) slug = "federated-credential";
  if (slug.length < 3) slug = `${slug}-fic`;
  const name = unused(slug, siblingNames(parties), 120);
  return ZFicName.safeParse(name).success ? name : "federated-credential";
}

/** IAM Sids are letters and digits only: PascalCase words of the workload's name. */
export function defaultSid(parties: BindingParties): string {
  const sid = words(parties.workload.name)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("")
    .slice(0, 120);
  return unused(sid || "Binding", siblingNames(parties), 128, "");
}

/** The binding's label on a GCP provider: 1–63 of [a-z0-9_-], alphanumeric first. */
export function defaultGcpName(parties: BindingParties): string {
  const slug = words(parties.workload.name).join("-").toLowerCase().slice(0, 60).replace(/-+$/, "");
  return unused(slug || "binding", siblingNames(parties), 63);
}

/** Azure's flexible-credential term for exactly this subject; quotes double up (CLOUDS.md 1.6). */
export function defaultFicExpression(subject: string): string {
  return `claims['sub'] eq '${subject.replaceAll("'", "''")}'`;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value ? value : undefined;
}

/**
 * The value an attribute mapped from the token's claim of the same name
 * would carry for this workload (CLOUDS.md §4), when its subject spec tells.
 */
export function attributeValueFor(
  attribute: string,
  subjectSpec: Record<string, unknown>,
): string | undefined {
  const spec = subjectSpec;
  const immutable = (spec.immutable ?? null) as { ownerId?: string; repoId?: string } | null;
  switch (spec.kind) {
    case "github": {
      const owner = text(spec.owner);
      const name = text(spec.name);
      const values: Record<string, string | undefined> = {
        repository: owner && spec.repo ? `${owner}/${text(spec.repo)}` : undefined,
        repository_owner: owner,
        repository_id: immutable?.repoId,
        repository_owner_id: immutable?.ownerId,
        environment: spec.trigger === "environment" ? name : undefined,
        ref:
          spec.trigger === "branch" && name
            ? `refs/heads/${name}`
            : spec.trigger === "tag" && name
              ? `refs/tags/${name}`
              : undefined,
      };
      return values[attribute];
    }
    case "gitlab": {
      const path = text(spec.projectPath);
      const values: Record<string, string | undefined> = {
        project_path: path,
        namespace_path: path?.includes("/") ? path.slice(0, path.lastIndexOf("/")) : undefined,
        project_id: text(spec.projectId),
        ref: text(spec.ref),
        ref_type: text(spec.refType),
      };
      return values[attribute];
    }
    case "terraform": {
      const values: Record<string, string | undefined> = {
        terraform_organization_name: text(spec.organization),
        terraform_project_name: text(spec.project),
        terraform_workspace_name: text(spec.workspace),
        terraform_run_phase: text(spec.runPhase),
      };
      return values[attribute];
    }
    case "kubernetes": {
      const values: Record<string, string | undefined> = {
        namespace: text(spec.namespace),
        service_account: text(spec.serviceAccount),
        service_account_name: text(spec.serviceAccount),
      };
      return values[attribute];
    }
    default:
      return undefined;
  }
}
