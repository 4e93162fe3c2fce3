import type { ComponentType } from "react";
import type { z } from "zod";
import type { IssuerOption } from "@/components/workloads/workload-form";
import type { Finding, Findings } from "@/lib/catalog/findings";

export type ConfigFieldsProps<Draft> = {
  draft: Draft;
  onChange: (patch: Partial<Draft>) => void;
  /**
   * The error at a config path or inside it (`exact` only at it);
   * `touchedKey` is the draft field it comes from, when named differently.
   */
  error: (path: string, touchedKey?: string, exact?: boolean) => string | undefined;
  /** The cloud's warnings about the settings as they stand. */
  warnings: Finding[];
  issuers: IssuerOption[];
};

/**
 * One kind of target's settings: form state (strings, as typed) to and from
 * the config the server parses with the kind's zod schema.
 */
export type ConfigModule<Draft> = {
  schema: z.ZodType;
  draftFrom: (config: Record<string, unknown> | undefined) => Draft;
  configFrom: (draft: Draft) => Record<string, unknown>;
  /** Rules the cloud applies beyond the schema, checked live as the server will. */
  findings?: (draft: Draft) => Findings;
  Fields: ComponentType<ConfigFieldsProps<Draft>>;
};

/** A string setting of a stored config, or "" when absent. */
export function setting(config: Record<string, unknown> | undefined, key: string): string {
  const value = config?.[key];
  return typeof value === "string" ? value : "";
}
