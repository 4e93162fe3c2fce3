// POST /api/v1/evaluate in the OpenAPI document: the body's `binding` spelled
// out per cloud (a union on `cloud`, every field of each cloud's evaluator
// schema, the very schemas the handler checks with) and one example per cloud.
import { z } from "zod";
import type { ZodOpenApiPathItemObject } from "zod-openapi";
import { ZAwsEvaluatorBinding } from "@/lib/clouds/aws/evaluator-binding";
import { ZAzureEvaluatorBinding } from "@/lib/clouds/azure/evaluator-binding";
import { ZGcpEvaluatorBinding } from "@/lib/clouds/gcp/evaluator-binding";
import { operation } from "@/lib/http/openapi-operations";
import { evaluateInputFields, ZEvaluation } from "@/lib/schemas/diagnose";

const ZEvaluateBinding = z
  .discriminatedUnion("cloud", [
    ZAzureEvaluatorBinding.meta({
      id: "AzureEvaluateBinding",
      description:
        "One federated identity credential (name, issuer, audiences, subject or claimsMatchingExpression), or an identity's federatedIdentityCredentials list.",
    }),
    ZAwsEvaluatorBinding.meta({
      id: "AwsEvaluateBinding",
      description:
        "The role and its whole trust policy, with the IAM OIDC provider it trusts (providerUrl, clientIds) and the account's other providers. providerUrl may be left out when the policy trusts a built-in provider (accounts.google.com, cognito-identity.amazonaws.com).",
    }),
    ZGcpEvaluatorBinding.meta({
      id: "GcpEvaluateBinding",
      description:
        "The workload identity pool provider as IAM holds it and, optionally, the service account's IAM policy binding. poolProviderResource takes the full name or projects/N/locations/global/workloadIdentityPools/P/providers/X as gcloud prints it.",
    }),
  ])
  .meta({
    description:
      'The binding in its cloud\'s own terms. GET /api/v1/bindings/{id} gives a catalogued binding in this shape as "evaluateBinding".',
  });

const ZEvaluateBody = z
  .object({ ...evaluateInputFields, binding: ZEvaluateBinding })
  .strict()
  .meta({ description: "Send either token (verified with the catalogue's keys) or claims." });

const github = "https://token.actions.githubusercontent.com";
const at = "2026-06-01T12:00:00Z";
const iat = Date.parse(at) / 1000 - 60;
const times = { iat, nbf: iat, exp: iat + 300 };
const gcpProvider =
  "projects/123456789012/locations/global/workloadIdentityPools/ci-pool/providers/github";

/** One request body per cloud; each is accepted (a unit test runs them). */
export const evaluateExamples = {
  azure: {
    summary: "Azure: one federated identity credential",
    value: {
      binding: {
        cloud: "azure",
        name: "deploy-prod",
        issuer: github,
        audiences: ["api://AzureADTokenExchange"],
        subject: "repo:octo-org/octo-repo:environment:prod",
      },
      claims: {
        iss: github,
        sub: "repo:octo-org/octo-repo:environment:prod",
        aud: "api://AzureADTokenExchange",
        ...times,
      },
      at,
    },
  },
  aws: {
    summary: "AWS: a role trusting GitHub Actions",
    value: {
      binding: {
        cloud: "aws",
        providerUrl: github,
        clientIds: ["sts.amazonaws.com"],
        roleArn: "arn:aws:iam::123456789012:role/deploy",
        trustPolicy: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: {
                Federated:
                  "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
              },
              Action: "sts:AssumeRoleWithWebIdentity",
              Condition: {
                StringEquals: {
                  "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                  "token.actions.githubusercontent.com:sub":
                    "repo:octo-org/octo-repo:environment:prod",
                },
              },
            },
          ],
        },
      },
      claims: {
        iss: github,
        sub: "repo:octo-org/octo-repo:environment:prod",
        aud: "sts.amazonaws.com",
        ...times,
      },
      at,
    },
  },
  gcp: {
    summary: "GCP: a provider and the service account's policy binding",
    value: {
      binding: {
        cloud: "gcp",
        poolProviderResource: gcpProvider,
        issuerUri: github,
        attributeMapping: {
          "google.subject": "assertion.sub",
          "attribute.repository": "assertion.repository",
        },
        attributeCondition: "assertion.repository_owner == 'octo-org'",
        serviceAccountIamPolicy: {
          serviceAccount: "deploy@octo-proj.iam.gserviceaccount.com",
          role: "roles/iam.workloadIdentityUser",
          members: [
            "principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci-pool/attribute.repository/octo-org/octo-repo",
          ],
        },
      },
      header: { alg: "RS256", kid: "key-1" },
      claims: {
        iss: github,
        sub: "repo:octo-org/octo-repo:environment:prod",
        aud: `https://iam.googleapis.com/${gcpProvider}`,
        repository: "octo-org/octo-repo",
        repository_owner: "octo-org",
        ...times,
      },
      at,
    },
  },
};

export const evaluatePath: ZodOpenApiPathItemObject = {
  post: (() => {
    const op = operation({
      summary: "What-if: evaluate one binding in its cloud's terms against a token or bare claims",
      role: "viewer",
      body: ZEvaluateBody,
      response: ZEvaluation,
    });
    return {
      ...op,
      requestBody: {
        content: { "application/json": { schema: ZEvaluateBody, examples: evaluateExamples } },
      },
    };
  })(),
};
