import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ExportCard } from "@/components/export/export-card";
import { renderAllExports } from "@/lib/sync/export/export-code";
import { azureSpecs, sourceFor, uamiConfig } from "./export-fixtures";

// The card as the server first renders it: a labelled format switch of
// native radios, Download pointing at the API, and hidden characters shown.

const source = sourceFor({
  cloud: "azure",
  kind: "azure-uami",
  config: uamiConfig,
  specs: azureSpecs.slice(0, 1),
  scope: "binding",
});

function render({ cliFirst = false } = {}) {
  const documents = renderAllExports({ cloud: "azure", source });
  return renderToStaticMarkup(
    createElement(ExportCard, {
      what: "binding",
      documents: cliFirst ? documents.reverse() : documents,
      downloadPath: "/api/v1/bindings/b1/export",
    }),
  );
}

describe("export card", () => {
  it("offers Terraform and Azure CLI as radios, Terraform chosen", () => {
    const html = render();
    expect(html).toContain("<legend");
    expect(html.match(/type="radio"/g)).toHaveLength(2);
    expect(html).toMatch(/checked="" value="terraform"/);
    expect(html).toContain("Azure CLI");
  });

  it("downloads the chosen format from the API under its file name", () => {
    expect(render()).toContain(
      'href="/api/v1/bindings/b1/export?format=terraform" download="plain-fic.tf"',
    );
  });

  it("shows a right-to-left override as its code point instead of reordering the line", () => {
    // The shell command carries the character raw (quoted); the page must not.
    const html = render({ cliFirst: true });
    expect(html).toContain("az identity federated-credential create");
    expect(html).not.toContain("\u202e");
    expect(html).toContain("⟨U+202E⟩");
  });
});
