import { z } from "zod";
import { ficExpressionFindings } from "@/lib/clouds/azure/fic-expression";
import {
  maxFicsPerIdentity,
  ZFicAudiences,
  ZFicIssuer,
  ZFicSubject,
} from "@/lib/clouds/azure/fic-limits";
import { ZFicName } from "@/lib/clouds/azure/fic-name";
import { hasOnlyKeys } from "@/lib/schemas/accepted-fields";

// The Azure binding as POST /api/v1/evaluate accepts it (issue 4 item 5), in
// Entra's own terms: one federated identity credential (the catalogue's
// shape, CLOUDS.md 1.1 and 1.6), or an identity with its list of 0..20
// credentials, accepted when any of them matches.

export const azureFicHomes = ["userAssignedIdentity", "application"] as const;
export type AzureFicHome = (typeof azureFicHomes)[number];

const ZFicHome = z.enum(azureFicHomes, {
  message: 'must be "userAssignedIdentity" or "application"',
});

const maxExpressionLength = 2000;

const ZClaimsMatchingExpression = z
  .object({
    value: z
      .string({ message: "is required" })
      .min(1, "is required")
      .max(maxExpressionLength, `must be at most ${maxExpressionLength} characters`),
    languageVersion: z.number({ message: "must be a number" }).int("must be a whole number"),
  })
  .strict();
const expressionKeys = new Set(Object.keys(ZClaimsMatchingExpression.shape));

/**
 * The expression as ZClaimsMatchingExpression outputs one it accepts (a new
 * object), read directly: flexible credentials' expressions differ. Undefined
 * for anything the schema may refuse.
 */
export function acceptedClaimsExpression(
  input: unknown,
): { value: string; languageVersion: number } | undefined {
  if (!hasOnlyKeys(input, expressionKeys)) return undefined;
  const { value, languageVersion } = input;
  if (typeof value !== "string" || value.length < 1 || value.length > maxExpressionLength) {
    return undefined;
  }
  // A safe integer is what z.number().int() accepts.
  return Number.isSafeInteger(languageVersion)
    ? { value, languageVersion: languageVersion as number }
    : undefined;
}

const ficFields = {
  name: ZFicName,
  issuer: ZFicIssuer,
  audiences: ZFicAudiences,
  subject: ZFicSubject.optional(),
  claimsMatchingExpression: ZClaimsMatchingExpression.optional(),
  // CLOUDS.md 1.5: description <= 600 characters.
  description: z.string().max(600, "must be at most 600 characters").optional(),
};
type FicFields = {
  issuer?: string;
  subject?: string;
  claimsMatchingExpression?: { value: string; languageVersion: number };
};

type Problem = { path: (string | number)[]; message: string };

/** What ARM or Graph would refuse to save (CLOUDS.md 1.1, 1.6), so no such credential can match. */
function ficProblems(fic: FicFields, path: (string | number)[]): Problem[] {
  const problems: Problem[] = [];
  // 2025-01-31-preview: either subject or claimsMatchingExpression, never both.
  if (Boolean(fic.subject) === Boolean(fic.claimsMatchingExpression)) {
    problems.push({
      path: [...path, "subject"],
      message: "set either a subject or a claims-matching expression, not both",
    });
  }
  const expression = fic.claimsMatchingExpression;
  if (!expression || fic.issuer === undefined) return problems;
  const findings = ficExpressionFindings(expression.value, expression.languageVersion, fic.issuer);
  for (const finding of findings.errors) {
    problems.push({
      path: [...path, "claimsMatchingExpression", finding.path],
      message: finding.message,
    });
  }
  return problems;
}

function addProblems(problems: Problem[], ctx: z.RefinementCtx): void {
  for (const { path, message } of problems) ctx.addIssue({ code: "custom", path, message });
}

export const ZAzureEvaluatorFic = z
  .object(ficFields)
  .strict()
  .superRefine((fic, ctx) => addProblems(ficProblems(fic, []), ctx));
export type TAzureEvaluatorFic = z.infer<typeof ZAzureEvaluatorFic>;

const singleKeys = [
  "name",
  "issuer",
  "audiences",
  "subject",
  "claimsMatchingExpression",
  "description",
] as const;

export const ZAzureEvaluatorFields = z
  .object({
    cloud: z.literal("azure", { message: 'must be "azure"' }),
    target: ZFicHome.optional(),
    name: ZFicName.optional(),
    issuer: ZFicIssuer.optional(),
    audiences: ZFicAudiences.optional(),
    subject: ZFicSubject.optional(),
    claimsMatchingExpression: ZClaimsMatchingExpression.optional(),
    description: ficFields.description,
    federatedIdentityCredentials: z
      .array(ZAzureEvaluatorFic, { message: "must be a list of federated identity credentials" })
      // CLOUDS.md 1.5: at most 20 per application or user-assigned managed identity.
      .max(
        maxFicsPerIdentity,
        `Entra allows at most ${maxFicsPerIdentity} federated identity credentials per identity`,
      )
      .optional(),
  })
  .strict();

/** What the fields say together: one credential or a list, and a list's names and pairs unique. */
export function azureBindingProblems(binding: z.output<typeof ZAzureEvaluatorFields>): Problem[] {
  const list = binding.federatedIdentityCredentials;
  if (list === undefined) {
    const problems: Problem[] = [];
    for (const key of ["name", "issuer", "audiences"] as const) {
      if (binding[key] === undefined) {
        problems.push({
          path: [key],
          message: "is required (or give federatedIdentityCredentials: a list of credentials)",
        });
      }
    }
    return [...problems, ...ficProblems(binding, [])];
  }
  const problems: Problem[] = [];
  for (const key of singleKeys) {
    if (binding[key] !== undefined) {
      problems.push({
        path: [key],
        message:
          "give one credential's fields or federatedIdentityCredentials, not both: move it into the list",
      });
    }
  }
  const names = new Map<string, number>();
  const pairs = new Map<string, number>();
  list.forEach((fic, index) => {
    // ARM resource names compare case-insensitively: one name per identity.
    const name = fic.name.toLowerCase();
    if (names.has(name)) {
      problems.push({
        path: ["federatedIdentityCredentials", index, "name"],
        message: `repeats the name of credential ${names.get(name)}; names are unique on an identity`,
      });
    } else names.set(name, index);
    if (fic.subject === undefined) return;
    // CLOUDS.md 1.3 and 1.5: one (issuer, subject) pair per identity.
    const pair = JSON.stringify([fic.issuer, fic.subject]);
    if (pairs.has(pair)) {
      problems.push({
        path: ["federatedIdentityCredentials", index, "subject"],
        message: `credential ${pairs.get(pair)} already has this issuer and subject; Entra allows one`,
      });
    } else pairs.set(pair, index);
  });
  return problems;
}

export const ZAzureEvaluatorBinding = ZAzureEvaluatorFields.superRefine((binding, ctx) =>
  addProblems(azureBindingProblems(binding), ctx),
);
export type TAzureEvaluatorBinding = z.infer<typeof ZAzureEvaluatorBinding>;

/** One credential as the matcher reads it. */
export type AzureFederatedCredential = {
  name: string;
  issuer: string;
  audiences: string[];
  subject?: string;
  claimsMatchingExpression?: { value: string; languageVersion: number };
};

/** The identity the token is presented to: its home, if known, and all its credentials. */
export type NormalisedAzureBinding = {
  target?: AzureFicHome;
  credentials: AzureFederatedCredential[];
};

function credentialOf(fic: {
  name: string;
  issuer: string;
  audiences: string[];
  subject?: string;
  claimsMatchingExpression?: { value: string; languageVersion: number };
}): AzureFederatedCredential {
  return {
    name: fic.name,
    issuer: fic.issuer,
    audiences: fic.audiences,
    ...(fic.subject !== undefined ? { subject: fic.subject } : {}),
    ...(fic.claimsMatchingExpression
      ? { claimsMatchingExpression: fic.claimsMatchingExpression }
      : {}),
  };
}

export function normaliseAzureEvaluatorBinding(
  binding: TAzureEvaluatorBinding,
): NormalisedAzureBinding {
  const target = binding.target ? { target: binding.target } : {};
  if (binding.federatedIdentityCredentials) {
    return { ...target, credentials: binding.federatedIdentityCredentials.map(credentialOf) };
  }
  const { name, issuer, audiences } = binding;
  // The schema's refinement guarantees these for the single form.
  if (name === undefined || issuer === undefined || audiences === undefined) {
    throw new TypeError("normaliseAzureEvaluatorBinding needs a parsed binding");
  }
  return { ...target, credentials: [credentialOf({ ...binding, name, issuer, audiences })] };
}
