import { z } from "zod";

// CLOUDS.md 1.5 (considerations include): issuer, subject, the audience and
// description are at most 600 characters each; at most 20 FICs per app or
// user-assigned managed identity.
export const ficFieldMaxLength = 600;
export const maxFicsPerIdentity = 20;
/** Warn two credentials before Entra's limit, while consolidating is still a choice. */
export const ficCapacityWarningAt = 18;
// CLOUDS.md 1.3: the recommended audience.
export const defaultAzureAudience = "api://AzureADTokenExchange";

/**
 * Entra compares issuer, subject and audience exactly (CLOUDS.md 1.3), so a
 * value is stored as typed: surrounding whitespace is an error, never trimmed
 * away. Leading or trailing whitespace in the issuer blocks the exchange
 * (CLOUDS.md 1.3, considerations include).
 */
function ficField(what: string) {
  return z
    .string({ message: "is required" })
    .min(1, "is required")
    .max(ficFieldMaxLength, `must be at most ${ficFieldMaxLength} characters`)
    .refine((value) => value === "" || value.trim() === value, {
      message: `must not start or end with spaces or line breaks: Entra compares the ${what} exactly`,
    });
}

export const ZFicIssuer = ficField("issuer");
export const ZFicSubject = ficField("subject");
export const ZFicAudience = ficField("audience");

// CLOUDS.md 1.3: ARM returns 400 "Federated identity credentials must have
// exactly one audience."
export const ZFicAudiences = z
  .array(ZFicAudience, { message: "must be a list with one audience" })
  // A refinement, not .length(): zod 4 runs length checks on a string that failed the array check.
  .refine((audiences) => audiences.length === 1, "Entra accepts exactly one audience");
