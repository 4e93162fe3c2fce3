// What a server action returns to its form. Pure so client components can
// import the type and the initial value.
export type ActionState = {
  status: "idle" | "success" | "error";
  message?: string;
  fieldErrors?: Record<string, string>;
  /** Warnings to read before saving, by field (e.g. weak pasted keys). */
  fieldWarnings?: Record<string, string[]>;
  /** The submitted values, so the form keeps them after an error (never passwords). */
  values?: Record<string, string>;
  requestId?: string;
};

export const idleState: ActionState = { status: "idle" };
