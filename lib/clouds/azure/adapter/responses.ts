import { z } from "zod";

// What Fedlens reads from Azure, checked before use (a cloud response is
// outside input). Loose objects: the clouds add fields over time.

const claimsMatchingExpression = z.object({ value: z.string(), languageVersion: z.number() });

/** A user-assigned identity as @azure/arm-msi returns it (properties flattened). */
export const ZArmIdentity = z.looseObject({
  id: z.string(),
  name: z.string(),
  tenantId: z.string(),
  clientId: z.string(),
  principalId: z.string(),
});
export type TArmIdentity = z.infer<typeof ZArmIdentity>;

/** A FIC as @azure/arm-msi returns it on the stable API (flattened, no expression). */
export const ZArmFic = z.looseObject({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  issuer: z.string(),
  subject: z.string().nullish(),
  audiences: z.array(z.string()),
});
export type TArmFic = z.infer<typeof ZArmFic>;

/** A FIC on the flexible preview API, read as JSON through the same client's pipeline. */
export const ZArmPreviewFic = z.looseObject({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  properties: z.looseObject({
    issuer: z.string(),
    subject: z.string().nullish(),
    audiences: z.array(z.string()),
    claimsMatchingExpression: claimsMatchingExpression.nullish(),
  }),
});

// https://learn.microsoft.com/en-us/graph/api/resources/application
export const ZGraphApplication = z.looseObject({
  id: z.string(),
  appId: z.string(),
  displayName: z.string().nullish(),
});

// https://learn.microsoft.com/en-us/graph/api/resources/federatedidentitycredential
export const ZGraphFic = z.looseObject({
  id: z.string(),
  name: z.string(),
  issuer: z.string(),
  subject: z.string().nullish(),
  audiences: z.array(z.string()),
  description: z.string().nullish(),
  claimsMatchingExpression: claimsMatchingExpression.nullish(),
});
export type TGraphFic = z.infer<typeof ZGraphFic>;

// https://learn.microsoft.com/en-us/graph/paging
export const ZGraphFicPage = z.looseObject({
  value: z.array(ZGraphFic),
  "@odata.nextLink": z.string().optional(),
});

/** A credential in both homes' common terms. */
export type FicFields = {
  name: string;
  issuer: string;
  audiences: string[];
  subject?: string | null;
  claimsMatchingExpression?: { value: string; languageVersion: number } | null;
  description?: string | null;
};
