import { describe, expect, it, vi } from "vitest";
import { checkGcpEvaluatorBinding } from "@/lib/clouds/gcp/check-evaluator-binding";
import { ZPoolId, ZProviderId } from "@/lib/clouds/gcp/ids";
import {
  acceptedMembers,
  acceptedProviderResource,
  isPlainWorkloadIdentityId,
  ZGcpEvaluatorBinding,
  ZGcpEvaluatorFields,
  ZGcpServiceAccountIamPolicy,
} from "@/lib/clouds/gcp/evaluator-binding";
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
        attributeMapping: [
          catalogueShape.attributeMapping,
          Object.assign(new (class Mapping {})(), catalogueShape.attributeMapping),
          catalogueShape.attributeMapping,
          Object.assign([], catalogueShape.attributeMapping),
          { "google.subject": "x" },
        ][index % 5],
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

  it("reads a provider name and members directly only as their schemas would output them", () => {
    const relative = providerResource.replace("//iam.googleapis.com/", "");
    const names = [providerResource, relative, ` ${relative}\n`, `${providerResource}/`, ""];
    names.push(providerResource.replace("github", "gcp-x"), `${providerResource} x`.repeat(20));
    const ids = ["gcp-pool", "abc", "abcd", "a".repeat(32), "a".repeat(33), "Pool", "po_l", "-po-"];
    for (const id of ids) {
      names.push(
        providerResource.replace("github-pool", id),
        providerResource.replace("github", id),
      );
    }
    const member = subjectMember("repo:o/r:ref:refs/heads/main");
    const lists: unknown[][] = [
      [member],
      [],
      [" "],
      [""],
      [` ${member}`],
      ["m".repeat(2048)],
      ["m".repeat(2049)],
    ];
    lists.push(
      Array.from({ length: 1501 }, () => member),
      [member, , member],
    );
    const cases = [
      [acceptedProviderResource, ZGcpEvaluatorFields.shape.poolProviderResource, names],
      [acceptedMembers, ZGcpServiceAccountIamPolicy.shape.members, lists],
    ] as const;
    for (const [read, schema, inputs] of cases) {
      for (const input of [...inputs, null, 1, {}]) {
        const parsed = schema.safeParse(input);
        const direct = read(input);
        if (direct !== undefined) expect(direct).toStrictEqual(parsed.data);
        else expect(parsed.success && input === inputs[0]).toBe(false);
      }
    }
  });

  it("takes an ID for plain only when both ID schemas accept it as it is", () => {
    const ids = ["pool", "gcp-pool", "gcp-", "abc", "a".repeat(32), "a".repeat(33), "Pool"];
    ids.push("po_l", "-po-", "pool ", " pool", "po\nl", "pool\u0000", "p\ud800ol", "1234", "----");
    for (const id of ids) {
      const accepted = [ZPoolId, ZProviderId].every((schema) => {
        const parsed = schema.safeParse(id);
        return parsed.success && parsed.data === id;
      });
      if (isPlainWorkloadIdentityId(id)) expect(accepted, id).toBe(true);
    }
    expect(ids.filter(isPlainWorkloadIdentityId)).toEqual([
      "pool",
      "a".repeat(32),
      "-po-",
      "1234",
      "----",
    ]);
  });
});
