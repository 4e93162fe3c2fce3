import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CheckList } from "@/components/diagnose/check-list";
import { VerdictBadge } from "@/components/diagnose/verdict-badge";
import { presentEvaluation } from "@/lib/federation/public-evaluation";
import type { Evaluation } from "@/lib/federation/types";

// What a screen reader reads: the text of the markup, without aria-hidden
// symbols, inline elements run together as the browser joins them.
function spoken(markup: string): string {
  return markup
    .replace(/<span aria-hidden="true">[^<]*<\/span>/g, "")
    .replace(/<\/?(?:p|li|ol|div)[^>]*>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'");
}

const evaluation: Evaluation = {
  accepted: false,
  checks: [
    { check: "issuer", ok: true, message: "The issuer matches." },
    {
      check: "audience",
      ok: false,
      expected: "api://AzureADTokenExchange",
      actual: "sts.amazonaws.com",
      message: "No credential has the token's audience.",
      hint: "Set the audience in the workflow (CLOUDS.md 1.3).",
      source: "CLOUDS.md 1.3 (considerations; multi-valued aud unconfirmed)",
    },
  ],
  cloudError: { code: "AADSTS700212", message: "No matching federated identity record." },
};

describe("CheckList", () => {
  const markup = renderToStaticMarkup(
    createElement(CheckList, { checks: presentEvaluation(evaluation).checks, label: "Checks" }),
  );

  it('reads the deciding check as "Audience — decides the verdict", not run together', () => {
    expect(spoken(markup)).toContain("Audience — decides the verdict — No credential");
    expect(spoken(markup)).not.toMatch(/Audiencedecides/);
  });

  it("links the failing check's source to the cloud's public page", () => {
    expect(markup).toContain(
      'href="https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-considerations"',
    );
    expect(spoken(markup)).toContain(
      "Source: Microsoft Entra: Important considerations and restrictions for federated identity credentials",
    );
  });

  it("shows no internal file name anywhere", () => {
    expect(markup).not.toMatch(/CLOUDS\.md/);
    expect(spoken(markup)).toContain("Set the audience in the workflow.");
  });
});

describe("VerdictBadge", () => {
  it("sets the verdict apart from the text before it when read aloud", () => {
    const markup = renderToStaticMarkup(
      createElement("p", null, "Near miss issuer", createElement(VerdictBadge, { evaluation })),
    );
    expect(spoken(markup)).toBe("\nNear miss issuer — Rejected\n");
  });
});
