import type { Cloud } from "@/lib/clouds/types";

/** Every cloud Fedlens knows, in the console's order. */
export const clouds = ["azure", "aws", "gcp"] as const satisfies readonly Cloud[];

/** Each cloud's name as the console shows it; a leaf, so browser code can use it without the catalogues. */
export const cloudLabels: Record<Cloud, string> = { azure: "Azure", aws: "AWS", gcp: "GCP" };
