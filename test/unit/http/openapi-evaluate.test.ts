import { describe, expect, it } from "vitest";
import { ZAwsEvaluatorBinding } from "@/lib/clouds/aws/evaluator-binding";
import { ZAzureEvaluatorBinding } from "@/lib/clouds/azure/evaluator-binding";
import { ZGcpEvaluatorBinding } from "@/lib/clouds/gcp/evaluator-binding";
import { openApiDocument } from "@/lib/http/openapi-document";

// POST /api/v1/evaluate documents the binding per cloud: a union on `cloud`
// with every field of each cloud's evaluator schema, not `{ cloud }` plus
// anything, and one example per cloud.

type Schema = {
  $ref?: string;
  properties?: Record<string, unknown>;
  oneOf?: Schema[];
  discriminator?: { propertyName: string };
  additionalProperties?: unknown;
};

const document = openApiDocument("http://localhost:3000/api/v1") as unknown as {
  paths: Record<string, { post: { requestBody: { content: Record<string, unknown> } } }>;
  components: { schemas: Record<string, Schema> };
};
const body = document.paths["/evaluate"]!.post.requestBody.content["application/json"] as {
  schema: { properties: { binding: Schema } };
  examples: Record<string, { value: { binding: { cloud: string } } }>;
};
const binding = body.schema.properties.binding;

describe("the evaluate request body in the OpenAPI document", () => {
  it("is a union of the three clouds' bindings, told apart by cloud", () => {
    expect(binding.discriminator?.propertyName).toBe("cloud");
    expect(binding.oneOf?.map((option) => option.$ref)).toEqual([
      "#/components/schemas/AzureEvaluateBinding",
      "#/components/schemas/AwsEvaluateBinding",
      "#/components/schemas/GcpEvaluateBinding",
    ]);
  });

  it.each([
    ["AzureEvaluateBinding", ZAzureEvaluatorBinding],
    ["AwsEvaluateBinding", ZAwsEvaluatorBinding],
    ["GcpEvaluateBinding", ZGcpEvaluatorBinding],
  ] as const)("lists every field of %s and no others", (id, schema) => {
    const documented = document.components.schemas[id];
    expect(Object.keys(documented?.properties ?? {}).sort()).toEqual(
      Object.keys(schema.shape).sort(),
    );
    expect(documented?.additionalProperties).toBe(false);
  });

  it("gives one example per cloud", () => {
    expect(
      Object.fromEntries(
        Object.entries(body.examples).map(([name, example]) => [name, example.value.binding.cloud]),
      ),
    ).toEqual({ azure: "azure", aws: "aws", gcp: "gcp" });
  });
});
