import { describe, expect, it } from "vitest";
import { describeFinding, diffFieldLabel, fieldLabel } from "@/lib/catalog/findings-labels";
import { assertPlainWords } from "@/test/support/plain-words";

// Findings name fields as the API does (spec.statement…); pages show the
// form field's label instead.

describe("fieldLabel", () => {
  it.each([
    ["spec.subject", "Subject"],
    ["spec.statement", "Statement JSON"],
    ["spec.statement.Condition.StringLike", "Statement JSON"],
    ["spec.claimsMatchingExpression.value", "Claims-matching expression"],
    ["spec.builder.subjects", "Subjects (sub)"],
    ["spec.audiences.0", "Audience"],
    ["spec.providerUrl", "IAM OIDC provider"],
    ["spec.sid", "Statement id (Sid)"],
    ["spec.memberKind", "Grant it to"],
    ["spec.member", "Member"],
    ["config.attributeMapping.google.subject", "Attribute mapping"],
    ["attributeMapping.google.subject", "Attribute mapping"],
    ["allowedAudiences", "Allowed audiences"],
    ["spec", "Binding"],
  ])("reads %s as %s", (path, label) => {
    expect(fieldLabel(path)).toBe(label);
  });

  it("gives no label for a finding about the whole object", () => {
    expect(fieldLabel("")).toBeNull();
  });

  it("never confuses a field with another that starts alike", () => {
    expect(fieldLabel("spec.memberKind")).not.toBe("Member");
    expect(fieldLabel("spec.subjectSpec")).toBe("Binding");
  });
});

describe("describeFinding", () => {
  it("shows a label and a message with no internal reference", () => {
    const described = describeFinding({
      path: "spec.attributeName",
      message:
        "The provider does not map attribute.team; an attribute must be mapped before IAM can match it (CLOUDS.md 3.3).",
    });
    expect(described).toEqual({
      label: "Attribute",
      message:
        "The provider does not map attribute.team; an attribute must be mapped before IAM can match it.",
    });
    assertPlainWords([described.label ?? "", described.message], "finding");
  });
});

describe("diffFieldLabel", () => {
  it.each([
    ["spec.subject", "Subject"],
    ["spec.statement.Condition.StringLike", "Statement JSON › Condition.StringLike"],
    ["spec.audiences.0", "Audience › 0"],
    ["name", "name"],
  ])("names the audit diff row %s as %s", (path, label) => {
    expect(diffFieldLabel(path)).toBe(label);
  });

  it("never shows a spec. path for a catalogued binding field", () => {
    for (const path of ["spec.subject", "spec.issuer", "spec.role", "spec.unknownField"]) {
      expect(diffFieldLabel(path)).not.toMatch(/^spec\./);
    }
  });
});
