import { describe, expect, it } from "vitest";
import { renderExport } from "@/lib/sync/export/export-code";
import type { ExportSource } from "@/lib/sync/export/export-types";
import { documentedFlags } from "./documented-flags";
import {
  appConfig,
  awsConfig,
  awsSpecs,
  azureSpecs,
  gcpConfig,
  gcpSpecs,
  hostile,
  sourceFor,
  uamiConfig,
} from "./export-fixtures";
import { flagsOf, runCommands } from "./export-harness";

// The generated commands are run by a real POSIX shell with the CLIs replaced
// by functions that print their arguments: each argument must come out as the
// value of the object the binding page shows, and each flag must be one the
// CLI's reference page documents (documented-flags.ts names the pages).

type Call = { command: string; positional: string[]; flags: Map<string, string | undefined> };

function callsOf(
  cloud: "azure" | "aws" | "gcp",
  format: "az" | "aws" | "gcloud",
  source: ExportSource,
) {
  const { text, filename } = renderExport({ cloud, format, source });
  expect(filename).toMatch(new RegExp(`-${format}\\.sh$`));
  return runCommands(text).map((args): Call => {
    const command = Object.keys(documentedFlags).find((name) =>
      name.split(" ").every((word, index) => args[index] === word),
    );
    if (!command) throw new Error(`undocumented command: ${args.slice(0, 5).join(" ")}`);
    const spec = documentedFlags[command]!;
    const flags = flagsOf(args);
    for (const [flag] of flags) expect(spec.flags, `${flag} in ${spec.url}`).toContain(flag);
    for (const flag of spec.required) expect(flags.map(([name]) => name)).toContain(flag);
    const positional = args.slice(spec.words).filter((arg) => !arg.startsWith("--"));
    return { command, positional, flags: new Map(flags) };
  });
}

describe("CLI export", () => {
  it("creates managed identity credentials with az, flexible ones and '@' values through az rest", () => {
    const source = sourceFor({
      cloud: "azure",
      kind: "azure-uami",
      config: uamiConfig,
      specs: azureSpecs,
    });
    const [plain, flexible, atFirst] = source.bindings.map(
      (binding) => binding.cloudObject as { id: string; properties: Record<string, unknown> },
    );
    const calls = callsOf("azure", "az", source);
    expect(calls.map((call) => call.command)).toEqual([
      "az identity federated-credential create",
      "az rest",
      "az rest",
    ]);
    expect(Object.fromEntries(calls[0]!.flags)).toEqual({
      "--name": "plain-fic",
      "--identity-name": uamiConfig.identityName,
      "--resource-group": uamiConfig.resourceGroup,
      "--subscription": uamiConfig.subscriptionId,
      "--issuer": plain!.properties.issuer,
      "--subject": hostile.subject,
      "--audiences": "api://AzureADTokenExchange",
    });
    expect(calls[1]!.flags.get("--url")).toBe(
      `https://management.azure.com${flexible!.id}?api-version=2025-01-31-preview`,
    );
    expect(JSON.parse(calls[1]!.flags.get("--body")!)).toEqual({
      properties: flexible!.properties,
    });
    expect(JSON.parse(calls[2]!.flags.get("--body")!)).toEqual({ properties: atFirst!.properties });
    expect(calls[2]!.flags.get("--method")).toBe("put");
  });

  it("creates app registration credentials with az ad app, flexible ones on Graph beta", () => {
    const source = sourceFor({
      cloud: "azure",
      kind: "azure-app",
      config: appConfig,
      specs: azureSpecs,
    });
    const calls = callsOf("azure", "az", source);
    expect(calls.map((call) => call.command)).toEqual([
      "az ad app federated-credential create",
      "az rest",
      "az ad app federated-credential create",
    ]);
    expect(calls[0]!.flags.get("--id")).toBe(appConfig.applicationObjectId);
    expect(JSON.parse(calls[0]!.flags.get("--parameters")!)).toEqual(
      source.bindings[0]!.cloudObject,
    );
    expect(calls[1]!.flags.get("--url")).toBe(
      `https://graph.microsoft.com/beta/applications/${appConfig.applicationObjectId}/federatedIdentityCredentials`,
    );
    expect(JSON.parse(calls[1]!.flags.get("--body")!)).toEqual(source.bindings[1]!.cloudObject);
  });

  it("creates the OIDC provider and sets the role's whole trust policy with aws", () => {
    const source = sourceFor({
      cloud: "aws",
      kind: "aws-role",
      config: awsConfig,
      specs: awsSpecs,
    });
    const object = source.bindings[0]!.cloudObject as Record<string, unknown>;
    const calls = callsOf("aws", "aws", source);
    expect(calls.map((call) => call.command)).toEqual([
      "aws iam create-open-id-connect-provider",
      "aws iam update-assume-role-policy",
    ]);
    expect(calls[0]!.flags.get("--url")).toBe(object.providerUrl);
    // A JSON list: a client id such as "--help" stays a value.
    expect(JSON.parse(calls[0]!.flags.get("--client-id-list")!)).toEqual(object.clientIds);
    expect(calls[0]!.flags.has("--thumbprint-list")).toBe(false);
    expect(calls[1]!.flags.get("--role-name")).toBe("deployer");
    expect(JSON.parse(calls[1]!.flags.get("--policy-document")!)).toEqual(object.trustPolicy);
  });

  it("creates the pool provider and adds each member with gcloud", () => {
    const source = sourceFor({
      cloud: "gcp",
      kind: "gcp-provider",
      config: gcpConfig,
      specs: gcpSpecs,
    });
    const object = source.bindings[0]!.cloudObject as {
      serviceAccountIamPolicy: { serviceAccount: string; role: string; members: string[] };
    };
    const calls = callsOf("gcp", "gcloud", source);
    const [provider, ...members] = calls;
    expect(provider!.positional).toEqual([gcpConfig.providerId]);
    expect(Object.fromEntries(provider!.flags)).toEqual({
      "--project": gcpConfig.projectNumber,
      "--location": "global",
      "--workload-identity-pool": gcpConfig.poolId,
      "--display-name": gcpConfig.displayName,
      "--issuer-uri": gcpConfig.issuerUri,
      // gcloud topic escaping: a ^;^ prefix because an audience holds a comma.
      "--allowed-audiences": "^;^https://example.com/a,b;^caret",
      "--attribute-mapping":
        '^;^google.subject=assertion.sub;attribute.both=assertion.repository + "," + assertion.ref',
      "--attribute-condition": gcpConfig.attributeCondition,
      "--disabled": undefined,
    });
    const policy = object.serviceAccountIamPolicy;
    expect(members.map((call) => call.flags.get("--member")).sort()).toEqual(policy.members);
    for (const call of members) {
      expect(call.positional).toEqual([policy.serviceAccount]);
      expect(call.flags.get("--role")).toBe(policy.role);
    }
  });

  it("refuses to write commands for a value no shell can carry, and says why", () => {
    const specs = [{ ...azureSpecs[0]!, subject: "a\u0000b" }];
    const source = sourceFor({ cloud: "azure", kind: "azure-uami", config: uamiConfig, specs });
    const { text } = renderExport({ cloud: "azure", format: "az", source });
    expect(runCommands(text)).toEqual([]);
    expect(text).toContain("Not exported as commands");
    expect(text).not.toContain("\u0000");
  });
});
