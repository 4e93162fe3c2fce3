import type { ComponentType } from "react";
import type { IssuerKind } from "@/lib/catalog/issuer-kinds";

/** What a builder section gets: its draft, a patcher and the error for a spec path. */
export type SubjectFieldsProps<Draft> = {
  draft: Draft;
  onChange: (patch: Partial<Draft>) => void;
  /** The error at a path of the spec; `touchedKey` is the draft field it comes from, when named differently. */
  error: (path: string, touchedKey?: keyof Draft & string) => string | undefined;
  issuerKind: IssuerKind;
};

/**
 * One issuer kind's subject builder: form state (strings, as typed) to and
 * from the spec the server parses with ZSubjectSpec.
 */
export type SubjectModule<Draft> = {
  draftFrom: (spec: Record<string, unknown> | undefined) => Draft;
  specFrom: (draft: Draft) => Record<string, unknown>;
  /** Each spec path's field label, so a problem can be named where no field shows it. */
  labels: Record<string, string>;
  Fields: ComponentType<SubjectFieldsProps<Draft>>;
};

/** A string field of a stored spec, or "" when absent. */
export function text(spec: Record<string, unknown> | undefined, key: string): string {
  const value = spec?.[key];
  return typeof value === "string" ? value : "";
}
