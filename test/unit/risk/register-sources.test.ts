import { describe, expect, it } from "vitest";
import { assembleFindings, findingIdOf, isOpen } from "@/lib/risk/assemble-findings";
import { riskRuleIds } from "@/lib/risk/rule-ids";
import type { RawFinding, RiskCatalogue } from "@/lib/risk/rule-source";
import { riskRules } from "@/lib/risk/rules";
import { issuerKeysSource } from "@/lib/risk/sources/issuer-keys";
import { targetChecksSource } from "@/lib/risk/sources/target-checks";
import { targetNamed } from "@/test/unit/risk/risk-fixtures";

const empty: RiskCatalogue = {
  bindings: [],
  targets: [],
  issuers: [],
  trust: { issuers: [], workloads: [], targets: [], bindings: [] },
  at: new Date("2026-12-06T00:00:00Z"),
};

describe("GCP provider rule", () => {
  it("flags a GitHub provider with no attribute condition and proposes one for the bound owner", async () => {
    const open = targetNamed("gcp-github", { attributeCondition: null });
    const findings = await targetChecksSource.collect({ ...empty, targets: [open] });
    expect(findings.map((finding) => finding.rule)).toEqual(["gcp-provider-no-condition"]);
    expect(findings[0]?.fix?.cloudObject).toMatchObject({
      attributeCondition: "assertion.repository_owner == 'contoso'",
    });
  });

  it("does not flag a provider held to one owner", async () => {
    const pinned = targetNamed("gcp-github", {});
    expect(await targetChecksSource.collect({ ...empty, targets: [pinned] })).toEqual([]);
  });

  it("proposes no condition when the bound workloads span several owners", async () => {
    const open = {
      ...targetNamed("gcp-github", { attributeCondition: null }),
      boundOwners: ["a", "b"],
    };
    const [finding] = await targetChecksSource.collect({ ...empty, targets: [open] });
    expect(finding?.rule).toBe("gcp-provider-no-condition");
    expect(finding?.fix).toBeNull();
  });
});

describe("issuer key rule", () => {
  const issuer = {
    id: "00000000-0000-4000-8000-000000000003",
    name: "gitlab",
    issuerUrl: "https://gitlab.com",
  };
  const at = new Date("2026-12-01T00:00:00Z");

  it("flags an issuer whose keys could not be fetched", async () => {
    const findings = await issuerKeysSource.collect({
      ...empty,
      issuers: [
        { ...issuer, keys: { ok: false, lastError: "HTTP 503", checkedAt: at, keyCount: 0 } },
      ],
    });
    expect(findings.map((finding) => finding.rule)).toEqual(["issuer-keys-unavailable"]);
    expect(findings[0]?.message).toContain("HTTP 503");
  });

  it("does not flag an issuer with fetched keys, nor one never checked", async () => {
    const findings = await issuerKeysSource.collect({
      ...empty,
      issuers: [
        { ...issuer, keys: { ok: true, lastError: null, checkedAt: at, keyCount: 2 } },
        { ...issuer, id: "00000000-0000-4000-8000-000000000004", keys: null },
      ],
    });
    expect(findings).toEqual([]);
  });
});

describe("the register", () => {
  const raw = (rule: RawFinding["rule"], id: string, path = "spec.subject"): RawFinding => ({
    rule,
    entity: { type: "binding", id, name: `b-${id.slice(-1)}`, cloud: "azure" },
    path,
    message: "Why (CLOUDS.md 5.6).",
    fix: { summary: "narrow it", cloudObject: { subject: "x" }, prefill: { subject: "x" } },
  });
  const id1 = "00000000-0000-4000-8000-00000000000a";
  const id2 = "00000000-0000-4000-8000-00000000000b";
  const now = new Date("2026-12-06T00:00:00Z");

  it("has a severity, title and public source for every rule id", () => {
    for (const id of riskRuleIds) {
      expect(riskRules[id].id).toBe(id);
      expect(riskRules[id].source.url).toMatch(/^https:\/\//);
    }
  });

  it("gives a finding the same id on every read and another id for another field", () => {
    expect(findingIdOf(raw("azure-fic-branch", id1))).toBe(
      findingIdOf(raw("azure-fic-branch", id1)),
    );
    expect(findingIdOf(raw("azure-fic-branch", id1))).not.toBe(
      findingIdOf(raw("azure-fic-branch", id1, "spec.name")),
    );
  });

  it("sorts most severe first, merges repeats, drops citations and links the pre-filled form", () => {
    const findings = assembleFindings(
      [
        raw("azure-fic-branch", id1),
        raw("azure-fic-pull-request", id2),
        raw("azure-fic-branch", id1),
      ],
      [],
      now,
    );
    expect(findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ["azure-fic-pull-request", "high"],
      ["azure-fic-branch", "medium"],
    ]);
    expect(findings[0]?.why).toBe("Why.");
    expect(findings[0]?.field).toBe("Subject");
    expect(findings[0]?.fix?.editHref).toMatch(
      new RegExp(`^/bindings/${id2}/edit\\?prefill=[\\w-]+$`),
    );
  });

  it("sets an accepted finding apart until its acceptance expires", () => {
    const findingId = findingIdOf(raw("azure-fic-branch", id1));
    const acceptance = (expiresAt: string) => ({
      findingId,
      reason: "migration in January",
      expiresAt: new Date(expiresAt),
      acceptedBy: "ops@example.com",
      createdAt: new Date("2026-12-01T00:00:00Z"),
    });
    const [active] = assembleFindings(
      [raw("azure-fic-branch", id1)],
      [acceptance("2027-01-31T00:00:00Z")],
      now,
    );
    expect(active?.acceptance?.active).toBe(true);
    expect(active && isOpen(active)).toBe(false);
    const [expired] = assembleFindings(
      [raw("azure-fic-branch", id1)],
      [acceptance("2026-12-05T00:00:00Z")],
      now,
    );
    expect(expired?.acceptance?.active).toBe(false);
    expect(expired && isOpen(expired)).toBe(true);
  });
});
