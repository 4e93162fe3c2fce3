import { describe, expect, it } from "vitest";
import { awsCatalog } from "@/lib/clouds/aws";
import {
  awsBindingContext,
  comparableAwsCloudObject,
} from "@/lib/clouds/aws/adapter/statement-spec";
import { roleTarget } from "@/lib/clouds/aws/adapter/role-target";
import { decodeTrustPolicy } from "@/lib/clouds/aws/adapter/trust-document";
import type { TAwsBindingSpec } from "@/lib/clouds/aws/binding-spec";
import type { TAwsOidcProvider, TAwsRoleConfig } from "@/lib/clouds/aws/target-config";

const ACCOUNT = "123456789012";
const GITHUB = "https://token.actions.githubusercontent.com";
const GITHUB_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const provider: TAwsOidcProvider = {
  url: GITHUB,
  clientIds: ["sts.amazonaws.com"],
  thumbprints: [],
};
const providers = new Map([[GITHUB_ARN, provider]]);
const config: TAwsRoleConfig = {
  accountId: ACCOUNT,
  roleName: "deploy",
  path: "/",
  oidcProviders: [provider],
};

/** A binding as the catalogue stores it after its form was saved: builder fields, statement built. */
function catalogued(sid: string, subjects: string[], siblings: TAwsBindingSpec[] = []) {
  const spec: TAwsBindingSpec = {
    cloud: "aws",
    sid,
    providerUrl: GITHUB,
    mode: "builder",
    builder: {
      audiences: ["sts.amazonaws.com"],
      subjectOperator: "StringLike",
      subjects,
      extraConditions: [],
    },
  };
  const siblingRows = siblings.map((s) => ({ id: s.sid, name: s.sid, spec: s }));
  const normalize = awsCatalog.normalizeSpec;
  if (!normalize) throw new Error("the AWS catalogue builds its statements");
  return normalize(awsBindingContext(spec, config, siblingRows)).spec;
}

const ec2 = {
  Sid: "Ec2",
  Effect: "Allow",
  Principal: { Service: "ec2.amazonaws.com" },
  Action: "sts:AssumeRole",
};

function read(statements: Record<string, unknown>[]) {
  return roleTarget(ACCOUNT, { name: "deploy", path: "/", statements }, providers).target;
}

describe("roleTarget", () => {
  it("reads statements the catalogue built back as builder bindings whose objects compare equal", () => {
    const main = catalogued("Main", ["repo:o/app:ref:refs/heads/main"]);
    const prod = catalogued("Prod", ["repo:o/app:environment:prod"], [main]);
    // The role as IAM holds it after sync: both statements and one Fedlens does not manage.
    const target = read([ec2, main.statement, prod.statement] as Record<string, unknown>[]);

    expect(target.bindings.map((b) => [b.key, (b.spec as TAwsBindingSpec).mode])).toEqual([
      ["Main", "builder"],
      ["Prod", "builder"],
    ]);
    for (const spec of [main, prod]) {
      const actual = target.bindings.find((b) => b.key === spec.sid);
      expect(actual?.spec).toEqual(spec);
      expect(actual?.cloudObject).toEqual(comparableAwsCloudObject(spec, config));
    }
    expect(target.foreign?.map((f) => f.key)).toEqual(["Ec2"]);
  });

  it("shows why the catalogue's whole-policy object cannot be compared per binding", () => {
    const main = catalogued("Main", ["repo:o/app:ref:refs/heads/main"]);
    const prod = catalogued("Prod", ["repo:o/app:environment:prod"]);
    const target = read([main.statement, prod.statement] as Record<string, unknown>[]);
    const withSiblings = awsCatalog.cloudObject(
      awsBindingContext(prod, config, [{ id: "m", name: "Main", spec: main }]),
    ) as { trustPolicy: { Statement: unknown[] } };
    expect(withSiblings.trustPolicy.Statement).toHaveLength(2);
    const actual = target.bindings.find((b) => b.key === "Prod")?.cloudObject as Record<
      string,
      unknown
    >;
    // Per binding: the statement alone, not the policy around it (which would repeat it).
    expect(actual).not.toHaveProperty("trustPolicy");
    expect(actual.statement).toEqual(withSiblings.trustPolicy.Statement[1]);
  });

  it("keeps a statement the builder would write differently as raw, exactly as IAM holds it", () => {
    const statement = {
      Sid: "Wide",
      Effect: "Allow",
      Principal: { Federated: GITHUB_ARN },
      Action: ["sts:AssumeRoleWithWebIdentity"],
      Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "repo:o/*" } },
    };
    const [binding] = read([statement]).bindings;
    expect(binding?.spec).toEqual({
      cloud: "aws",
      sid: "Wide",
      providerUrl: GITHUB,
      mode: "raw",
      statement,
    });
  });

  it("names a statement without Sid after its content, and flags it", () => {
    const { statement } = catalogued("X", ["repo:o/app:*"]);
    const { Sid: _sid, ...bare } = statement as Record<string, unknown>;
    void _sid;
    const first = read([bare]).bindings[0];
    expect(first?.key).toMatch(/^NoSid[0-9a-f]{16}$/);
    expect(first?.description).toContain("no Sid");
    expect(read([bare]).bindings[0]?.key).toBe(first?.key);
    // Writing that Sid into AWS later keeps the same key and spec.
    const withSid = read([{ Sid: first?.key, ...bare }]).bindings[0];
    expect(withSid?.key).toBe(first?.key);
    expect(withSid?.spec).toEqual(first?.spec);
    expect(withSid?.description).toBeUndefined();
  });

  it("puts statements for other principals, unknown providers, several providers or a bad Sid in foreign", () => {
    const web = (sid: string, federated: unknown) => ({
      Sid: sid,
      Effect: "Allow",
      Principal: { Federated: federated },
      Action: "sts:AssumeRoleWithWebIdentity",
    });
    const target = read([
      ec2,
      web("Google", "accounts.google.com"),
      web("Two", [GITHUB_ARN, `arn:aws:iam::${ACCOUNT}:oidc-provider/other.example.com`]),
      web("bad_sid", GITHUB_ARN),
      {
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::210987654321:root" },
        Action: "sts:AssumeRole",
      },
    ]);
    expect(target.bindings).toEqual([]);
    expect(target.foreign?.map((f) => f.key)).toEqual([
      "Ec2",
      "Google",
      "Two",
      "bad_sid",
      "statement5",
    ]);
    expect(target.foreign?.[1]?.description).toContain(
      "not one of this account's IAM OIDC providers",
    );
    expect(target.foreign?.[2]?.description).toContain("one OIDC provider");
    expect(target.foreign?.[3]?.description).toContain("letters and digits");
  });

  it("puts a second statement with the same Sid in foreign", () => {
    const { statement } = catalogued("Same", ["repo:o/a:*"]);
    const other = { ...(statement as object), Condition: {} };
    const target = read([statement as Record<string, unknown>, other]);
    expect(target.bindings.map((b) => b.key)).toEqual(["Same"]);
    expect(target.foreign?.[0]?.description).toContain("same Sid");
  });
});

describe("decodeTrustPolicy", () => {
  it("decodes IAM's URL-encoded document, one statement or a list", () => {
    const document = { Version: "2012-10-17", Statement: ec2 };
    const one = encodeURIComponent(JSON.stringify(document));
    expect(decodeTrustPolicy(one)).toEqual({ ok: true, document, statements: [ec2] });
  });

  it.each([
    [undefined, "has no trust policy"],
    ["%7Bnot", "not URL-encoded JSON"],
    [encodeURIComponent("[1]"), "not an object"],
    [encodeURIComponent(JSON.stringify({ Statement: [1] })), "not an object"],
  ])("refuses %s", (encoded, message) => {
    const decoded = decodeTrustPolicy(encoded);
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.message).toContain(message);
  });
});
