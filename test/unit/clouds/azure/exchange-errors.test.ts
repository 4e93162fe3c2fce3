import { describe, expect, it } from "vitest";
import { AuthenticationError } from "@azure/identity";
import {
  explainAttempt,
  type EntraAnswerCapture,
} from "@/lib/clouds/azure/adapter/exchange-capture";
import {
  exchangeTextsByCode,
  explainEntraRefusal,
  firstLine,
  unknownRefusal,
} from "@/lib/clouds/azure/adapter/exchange-errors";

const trailer = "\r\nTrace ID: 1f0e\r\nCorrelation ID: 77aa\r\nTimestamp: 2026-12-06 05:00:00Z";

describe("the Azure exchange error table", () => {
  // The codes issue 14 and CLOUDS.md §1.8 name for a federated exchange.
  const documented = [
    "AADSTS700016",
    "AADSTS70025",
    "AADSTS70021",
    "AADSTS700211",
    "AADSTS700212",
    "AADSTS700213",
    "AADSTS7002138",
    "AADSTS700024",
    "AADSTS70023",
    "AADSTS5002738",
    "AADSTS50027",
    "AADSTS90061",
    "AADSTS7000215",
  ];

  it.each(documented)("explains %s with its own cause and a fix", (code) => {
    const text = exchangeTextsByCode[code];
    expect(text).toBeDefined();
    expect(text!.cause.length).toBeGreaterThan(20);
    expect(text!.fix.length).toBeGreaterThan(20);
    expect(text!.cause).not.toBe(unknownRefusal.cause);
  });

  it("words causes and fixes for operators, naming no internal file or field path", () => {
    for (const text of Object.values(exchangeTextsByCode)) {
      expect(`${text.cause} ${text.fix}`).not.toMatch(/\.md\b|\.ts\b|spec\.|§/);
    }
  });

  it("tells a subject that differs by case apart from one that differs outright", () => {
    expect(exchangeTextsByCode.AADSTS7002138!.cause).toMatch(/case/);
    expect(exchangeTextsByCode.AADSTS700213!.cause).not.toBe(
      exchangeTextsByCode.AADSTS7002138!.cause,
    );
  });
});

describe("explainEntraRefusal", () => {
  const description = `AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:o/r:ref:refs/heads/main'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.${trailer}`;

  it("keeps Entra's first line verbatim and drops the trace lines", () => {
    const error = explainEntraRefusal({ status: 401, errorCodes: [700213], description });
    expect(error).toMatchObject({
      kind: "denied",
      code: "AADSTS700213",
      status: 401,
      message:
        "AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:o/r:ref:refs/heads/main'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.",
      ...{
        cause: exchangeTextsByCode.AADSTS700213!.cause,
        fix: exchangeTextsByCode.AADSTS700213!.fix,
      },
    });
  });

  it("takes the code from the description when error_codes is missing", () => {
    const error = explainEntraRefusal({
      description: `AADSTS70025: The client has none.${trailer}`,
    });
    expect(error.code).toBe("AADSTS70025");
    expect(error).not.toHaveProperty("status");
  });

  it("falls back to a generic explanation for a code it does not know", () => {
    const error = explainEntraRefusal({
      status: 400,
      errorCodes: [9999999],
      description: `AADSTS9999999: Something new.${trailer}`,
    });
    expect(error).toMatchObject({
      code: "AADSTS9999999",
      message: "AADSTS9999999: Something new.",
      cause: unknownRefusal.cause,
    });
  });

  it.each([
    [503, "unavailable"],
    [500, "unavailable"],
    [429, "throttled"],
    [400, "invalid"],
  ])("classes a %s answer as %s", (status, kind) => {
    const error = explainEntraRefusal({
      status,
      errorCodes: [700024],
      description: `AADSTS700024: Client assertion is not within its valid time range.${trailer}`,
    });
    expect(error.kind).toBe(kind);
  });

  it.each([
    ["a\r\nb", "a"],
    ["a\nb", "a"],
    ["  a  ", "a"],
    ["", ""],
  ])("firstLine(%j) is %j", (text, line) => {
    expect(firstLine(text)).toBe(line);
  });
});

describe("explainAttempt without a captured answer", () => {
  const nothingCaptured: EntraAnswerCapture = {
    policy: { name: "none", sendRequest: (request, next) => next(request) },
    last: () => undefined,
    transportError: () => undefined,
  };

  it("reads an AuthenticationError's error response", () => {
    const error = new AuthenticationError(401, {
      error: "invalid_client",
      error_description: `AADSTS700212: No matching federated identity record found for presented assertion audience 'api://x'.${trailer}`,
      error_codes: [700212],
    });
    const { cloudError } = explainAttempt(error, nothingCaptured);
    expect(cloudError).toMatchObject({
      code: "AADSTS700212",
      kind: "denied",
      status: 401,
      message:
        "AADSTS700212: No matching federated identity record found for presented assertion audience 'api://x'.",
    });
  });

  it("reads MSAL's packed message", () => {
    const error = new Error(
      `invalid_client: Error(s): 7002138 - Timestamp: 2026-12-06 05:00:00Z - Description: AADSTS7002138: No matching federated identity record found for presented assertion subject 'x'.${trailer} - Correlation ID: 77aa - Trace ID: 1f0e`,
    );
    error.name = "AuthenticationRequiredError";
    const { cloudError } = explainAttempt(error, nothingCaptured);
    expect(cloudError).toMatchObject({
      code: "AADSTS7002138",
      message:
        "AADSTS7002138: No matching federated identity record found for presented assertion subject 'x'.",
      cause: exchangeTextsByCode.AADSTS7002138!.cause,
    });
  });

  it("prefers the transport error the pipeline saw over MSAL's summary of it", () => {
    const transport = Object.assign(new Error("unable to verify the first certificate"), {
      code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    });
    const summary = new Error("endpoints_resolution_error: See https://aka.ms/msal.js.errors");
    summary.name = "CredentialUnavailableError";
    const { cloudError } = explainAttempt(summary, {
      ...nothingCaptured,
      transportError: () => transport,
    });
    expect(cloudError.code).toBe("UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    expect(cloudError.cause).toMatch(/TLS certificate/);
  });
});
