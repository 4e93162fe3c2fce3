import type { Cloud } from "@/lib/clouds/types";
import { isRecord } from "@/lib/json/is-record";
import { awsAdmission } from "@/lib/trust-map/admission-aws";
import { azureAdmission } from "@/lib/trust-map/admission-azure";
import { gcpAdmission } from "@/lib/trust-map/admission-gcp";

// Which tokens a binding can possibly accept, read from the binding in its
// cloud's own terms (the evaluator's shape). It only narrows which workloads
// are worth evaluating; the evaluator still gives every verdict, so a
// conservative answer ("any sub") costs time, never correctness.

import type { Admission, AdmissionInput } from "@/lib/trust-map/admission-types";

export type { Admission, AdmissionInput };

export function admissionOf(cloud: Cloud, input: AdmissionInput): Admission {
  switch (cloud) {
    case "azure":
      return azureAdmission(input);
    case "aws":
      return awsAdmission(input);
    case "gcp":
      return gcpAdmission(input);
  }
}

/**
 * Whether other bindings on the same target can refuse a token this one
 * admits. Entra accepts when any credential of the identity matches
 * (CLOUDS.md 1.3) and an IAM allow policy only adds members (3.7); an AWS
 * trust policy is one document, where a Deny statement wins (2.6).
 */
export function siblingsMayRefuse(cloud: Cloud, siblingSpecs: unknown[]): boolean {
  if (cloud !== "aws") return false;
  return siblingSpecs.some((spec) => {
    let statement: unknown = isRecord(spec) ? spec.statement : undefined;
    if (typeof statement === "string") {
      try {
        statement = JSON.parse(statement);
      } catch {
        return true;
      }
    }
    return !isRecord(statement) || statement.Effect !== "Allow";
  });
}
