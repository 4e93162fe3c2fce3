import type { ActionState } from "@/lib/http/action-state";
import type { TIssuerUpdateInput } from "@/lib/schemas/issuer";
import type { Jwk } from "@/lib/tokens/key-match";
import { assessKeySet } from "@/lib/tokens/key-strength";

// The issuer form shows what is weak about pasted keys before it saves them
// (issue 10 item 6): a first submit answers with the warnings, and the keys
// are saved once the operator ticks "keep these keys". The API saves at once
// and returns the same warnings as the issuer's keyWarnings.

type FormInput = TIssuerUpdateInput & { acceptKeyWarnings?: "on" };

/** The form's values after a submit, as the form shows them again. */
function formValues(input: FormInput, extra: Record<string, string>): Record<string, string> {
  return {
    ...extra,
    kind: input.kind ?? "",
    name: input.name ?? "",
    issuerUrl: input.issuerUrl ?? "",
    jwksUri: input.jwksUri ?? "",
    jwks: input.jwks ? JSON.stringify(input.jwks, null, 2) : "",
    notes: input.notes ?? "",
  };
}

/**
 * The form's answer while pasted keys have warnings the operator has not
 * accepted, else null (save). `extra` holds fields the form posts besides the
 * issuer's (its id and version).
 */
export function keyWarningsToConfirm(
  input: FormInput,
  extra: Record<string, string> = {},
): ActionState | null {
  const keys: Jwk[] = input.jwks?.keys ?? [];
  const { warnings } = assessKeySet(keys);
  if (warnings.length === 0 || input.acceptKeyWarnings === "on") return null;
  return {
    status: "error",
    message:
      "Nothing was saved yet: the pasted keys are weak. Read the warnings, then tick “Keep these keys” and save again, or paste stronger keys.",
    fieldWarnings: { jwks: warnings },
    values: formValues(input, extra),
  };
}
