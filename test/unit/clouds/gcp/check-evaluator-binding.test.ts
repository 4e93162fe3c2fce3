import { describe, expect, it, vi } from "vitest";
import { checkGcpEvaluatorBinding } from "@/lib/clouds/gcp/check-evaluator-binding";
import { ZGcpEvaluatorBinding, ZGcpEvaluatorFields } from "@/lib/clouds/gcp/evaluator-binding";
import { expectSchemaAnswer, variantsOf } from "@/test/unit/schemas/schema-variants";
import { bindingInput, poolPath, providerResource, serviceAccount } from "./match/fixtures";

// The trust map checks GCP bindings with remembered field answers; every
// answer must still be exactly the schema's: success, output (values,
// defaults, key order, no extra or missing keys) and, on refusal, its issues.

const subjectMember = (subject: string) =>
  `principal://iam.googleapis.com/${poolPath}/subject/${subject}`;

// The catalogue's shape: no poolDisabled (defaulted), one member per binding.
const catalogueShape = {
  cloud: "gcp",
  poolProviderResource: providerResource,
  issuerUri: "https://token.actions.githubusercontent.com",
  allowedAudiences: [],
  attributeMapping: { "google.subject": "assertion.sub" },
  attributeCondition: "assertion.sub != ''",
  disabled: false,
  serviceAccountIamPolicy: {
    serviceAccount,
    role: "roles/iam.workloadIdentityUser",
    members: [subjectMember("repo:octo-org/octo-repo:environment:production")],
  },
};

const bases: Record<string, unknown>[] = [
  catalogueShape,
  bindingInput(),
  {
    cloud: "gcp",
    poolProviderResource: providerResource.replace("//iam.googleapis.com/", ""),
    issuerUri: "https://gitlab.com",
    attributeMapping: { "google.subject": "assertion.sub", "attribute.ref": "assertion.ref" },
    attributeCondition: null,
    allowedAudiences: ["https://gitlab.com", "sts"],
    poolDisabled: true,
    serviceAccountIamPolicy: { serviceAccount: ` ${serviceAccount} `, members: [] },
  },
  { ...catalogueShape, attributeCondition: "  ", serviceAccountIamPolicy: undefined },
];

const shapeKeys = Object.keys(ZGcpEvaluatorFields.shape);

describe("checkGcpEvaluatorBinding", () => {
  it("answers as the schema does for inputs near valid bindings, whatever came before", () => {
    const inputs = bases.flatMap((base) => variantsOf(base, { shapeKeys }));
    let accepted = 0;
    for (const input of [...inputs, ...[...inputs].reverse()]) {
      if (expectSchemaAnswer(checkGcpEvaluatorBinding, ZGcpEvaluatorBinding, input)) accepted += 1;
    }
    expect(inputs.length).toBeGreaterThan(2000);
    expect(accepted).toBeGreaterThan(200);
  });

  it("answers as the schema does for a provider's bindings checked one after another", () => {
    for (let index = 0; index < 50; index += 1) {
      const input = {
        ...catalogueShape,
        poolProviderResource: providerResource.replace("github", `github-${index % 7}`),
        attributeMapping: index % 3 ? catalogueShape.attributeMapping : { "google.subject": "x" },
        serviceAccountIamPolicy: {
          ...catalogueShape.serviceAccountIamPolicy,
          members: [subjectMember(`repo:octo-org/repo-${index}:ref:refs/heads/main`)],
        },
      };
      expectSchemaAnswer(checkGcpEvaluatorBinding, ZGcpEvaluatorBinding, input);
    }
  });

  it("reads a usual binding without the whole schema", () => {
    const whole = vi.spyOn(ZGcpEvaluatorBinding, "safeParse");
    expect(checkGcpEvaluatorBinding(catalogueShape).success).toBe(true);
    expect(checkGcpEvaluatorBinding(bindingInput()).success).toBe(true);
    expect(whole).not.toHaveBeenCalled();
    whole.mockRestore();
  });

  it("gives every answer a mapping, lists and a policy of its own", () => {
    const first = checkGcpEvaluatorBinding(catalogueShape);
    if (!first.success) throw new Error("refused");
    first.data.attributeMapping["attribute.x"] = "changed";
    first.data.allowedAudiences.push("changed");
    first.data.serviceAccountIamPolicy?.members.push("changed");
    const second = checkGcpEvaluatorBinding(catalogueShape);
    expect(second.success && second.data).toStrictEqual(ZGcpEvaluatorBinding.parse(catalogueShape));
  });
});
