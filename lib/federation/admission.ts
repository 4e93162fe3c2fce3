// Which tokens a binding can possibly accept, read from the binding in its
// cloud's own terms (the evaluator's shape) by each cloud's reader
// (lib/clouds/<cloud>/admission.ts). It only narrows which workloads are
// worth evaluating; the evaluator still gives every verdict, so a
// conservative answer ("any sub") costs time, never correctness.

export type Admission = {
  /** Only tokens whose `sub` is one of these: matched by index. */
  subjects: string[] | null;
  /** Else, when known: every admitted `sub` starts with one of these. */
  subjectPrefixes: string[] | null;
  /** What the binding admits beyond named subjects, in plain words; null for exact subjects. */
  open: string | null;
  /** The `aud` the binding expects a token to be requested for, if one. */
  audience: string | null;
  /**
   * Other issuers whose tokens the binding may accept, each bounded as
   * above: an AWS statement naming several of the account's providers
   * (STS picks one by the token's iss). Absent for most bindings.
   */
  others?: OtherIssuer[];
};

export type OtherIssuer = Omit<Admission, "others"> & { issuerUrl: string };

export type AdmissionInput = { binding: unknown; issuerLabel: string };
