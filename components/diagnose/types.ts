// The DTO the diagnose API returns, and the labels the server page hands the
// client components so they need not import every cloud module for a name.
import type { Cloud, TargetKind } from "@/lib/clouds/types";
import type { Diagnosis } from "@/lib/diagnose/diagnosis";

export type { Diagnosis };
export type BindingResult = Diagnosis["results"][number];
export type IssuerRef = NonNullable<Diagnosis["issuer"]["exact"]>;

export type DiagnoseLabels = {
  clouds: Record<Cloud, string>;
  targetKinds: Record<TargetKind, string>;
};
