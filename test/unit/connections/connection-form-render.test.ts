import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { ConnectionForm } from "@/components/connections/connection-form";
import { connectionFormValues } from "@/components/connections/connection-form-values";
import { ReplaceSecretForm } from "@/components/connections/replace-secret-form";
import type { TConnection } from "@/lib/schemas/connection";

vi.mock("next/link", () => ({ default: (props: { children: unknown }) => props.children }));

const action = async () => ({ status: "idle" as const });

const stored: TConnection = {
  id: "8d6c7c52-7a57-4c1a-9a41-2a3c3e9bd111",
  name: "Production tenant",
  cloud: "azure",
  scope: {
    tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
    subscriptionIds: [
      "0b1f6471-1bf0-4dda-aec3-111122223333",
      "0b1f6471-1bf0-4dda-aec3-444455556666",
    ],
    resourceGroups: [],
    applicationObjectIds: [],
  },
  sandbox: false,
  auth: {
    kind: "secret",
    identity: "11111111-2222-4333-8444-555555555555",
    replacedAt: "2026-12-01T10:00:00.000Z",
  },
  endpoints: { azureGraph: "https://graph.microsoft.us" },
  caBundle: null,
  caCertificates: [],
  lastTest: null,
  targetCount: 0,
  version: 3,
  createdAt: "2026-12-01T10:00:00.000Z",
  updatedAt: "2026-12-01T10:00:00.000Z",
};

describe("the connection edit form", () => {
  const html = renderToStaticMarkup(
    createElement(ConnectionForm, {
      action,
      initial: connectionFormValues(stored),
      cloudLabels: { azure: "Azure", aws: "AWS", gcp: "GCP" },
      cancelHref: "/",
      submitLabel: "Save",
    }),
  );

  it("posts every field under the API's own name, with the stored values", () => {
    for (const name of [
      "id",
      "version",
      "cloud",
      "name",
      "scope.tenantId",
      "scope.subscriptionIds",
      "auth.kind",
      "auth.clientId",
      "auth.clientSecret",
      "endpoints.azureGraph",
      "caBundle",
    ]) {
      expect(html).toContain(`name="${name}"`);
    }
    expect(html).toContain(
      "0b1f6471-1bf0-4dda-aec3-111122223333\n0b1f6471-1bf0-4dda-aec3-444455556666",
    );
    expect(html).toContain('value="https://graph.microsoft.us"');
    expect(html).not.toContain('name="endpoints.awsEndpoint"');
  });

  it("labels each control, and leaves the stored secret's field empty and optional", () => {
    expect(html).toMatch(/<label[^>]*for="scope.tenantId"[^>]*>Tenant ID<\/label>/);
    expect(html).toMatch(
      /<input[^>]*type="password"[^>]*name="auth.clientSecret"(?![^>]*required)(?![^>]*value=)[^>]*>/,
    );
  });
});

describe("the replace-secret form", () => {
  it("says only that a secret is stored and when it was replaced", () => {
    const html = renderToStaticMarkup(
      createElement(ReplaceSecretForm, {
        action,
        id: stored.id,
        cloud: "azure",
        identity: "11111111-2222-4333-8444-555555555555",
        replacedAt: "2026-12-01T10:00:00.000Z",
      }),
    );
    expect(html).toContain("A secret is stored");
    expect(html).toContain("2026-12-01 10:00:00 UTC");
    expect(html).toContain('name="clientSecret"');
  });
});
