// What a binding admits beyond the catalogue, as each cloud's reader reports it.

export type Admission = {
  /** Only tokens whose `sub` is one of these: matched by index. */
  subjects: string[] | null;
  /** Else, when known: every admitted `sub` starts with one of these. */
  subjectPrefixes: string[] | null;
  /** What the binding admits beyond named subjects, in plain words; null for exact subjects. */
  open: string | null;
  /** The `aud` the binding expects a token to be requested for, if one. */
  audience: string | null;
};

export type AdmissionInput = { binding: unknown; issuerLabel: string };
