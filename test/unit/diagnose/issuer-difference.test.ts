import { describe, expect, it } from "vitest";
import { issuerDifference } from "@/components/diagnose/issuer-difference";

const aks = "https://westeurope.oic.prod-aks.azure.com/tenant/cluster/";

describe("issuerDifference", () => {
  it.each([
    ["the same URL", aks, aks, "identical"],
    [
      "a catalogue entry without the AKS trailing slash",
      aks,
      aks.slice(0, -1),
      "lacks the trailing slash the token's iss has",
    ],
    [
      "a catalogue entry with a slash the token lacks",
      "https://gitlab.com",
      "https://gitlab.com/",
      "has a trailing slash the token's iss lacks",
    ],
    [
      "a case change",
      "https://keycloak.example.com/realms/Platform",
      "https://keycloak.example.com/realms/platform",
      "differs only in letter case",
    ],
    [
      "case and slash together",
      "https://gitlab.com/",
      "https://GitLab.com",
      "differs in letter case and a trailing slash",
    ],
    [
      "a Cyrillic і for a Latin i",
      "https://\u0456ssuer.example",
      "https://issuer.example",
      "looks the same but differs in look-alike or invisible characters",
    ],
    [
      "a zero-width space",
      "https://issuer\u200b.example",
      "https://issuer.example",
      "looks the same but differs in look-alike or invisible characters",
    ],
    [
      "a NUL at the end",
      "https://issuer.example\u0000",
      "https://issuer.example",
      "the token's iss holds characters that do not print",
    ],
    [
      "another realm on the same host",
      "https://keycloak.example.com/realms/platform",
      "https://keycloak.example.com/realms/ops",
      "same host, different path",
    ],
  ])("describes %s", (_name, iss, catalogued, text) => {
    expect(issuerDifference(iss, catalogued)).toBe(text);
  });
});
