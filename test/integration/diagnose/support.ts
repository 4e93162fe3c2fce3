// Shared by the diagnose tests: the loopback issuer allow-list, cataloguing an
// issuer whose keys come from the test issuer, and the two API calls.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect } from "vitest";
import * as diagnoseRoute from "@/app/api/v1/diagnose/route";
import * as evaluateRoute from "@/app/api/v1/evaluate/route";
import { systemActor } from "@/lib/auth/actor";
import type { IssuerKind } from "@/lib/catalog/issuer-kinds";
import { createIssuer } from "@/lib/catalog/issuers/create-issuer";
import type { Diagnosis } from "@/lib/diagnose/diagnose-token";
import type { BindingResult } from "@/lib/diagnose/evaluate-catalogue";
import { resetEnvCache } from "@/lib/env";
import type { PublicCheck, PublicEvaluation } from "@/lib/federation/public-evaluation";
import type { CheckName } from "@/lib/federation/types";
import type { TIssuer } from "@/lib/schemas/issuer";
import { uniqueSuffix } from "@/test/factories/catalog";
import { call } from "@/test/support/http";
import { assertPlainWords, evaluationTexts } from "@/test/support/plain-words";
import type { OidcIssuer } from "@/test/support/oidc-issuer";

/**
 * Lets the SSRF-safe fetch reach 127.0.0.1 (plain http included) while this
 * file runs, as an admin would for a lab issuer; restores the variable after.
 */
export function allowLoopbackIssuers(): void {
  const saved = process.env.FEDLENS_ALLOWED_ISSUER_HOSTS;
  beforeAll(() => {
    process.env.FEDLENS_ALLOWED_ISSUER_HOSTS = "127.0.0.1";
    resetEnvCache();
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.FEDLENS_ALLOWED_ISSUER_HOSTS;
    else process.env.FEDLENS_ALLOWED_ISSUER_HOSTS = saved;
    resetEnvCache();
  });
}

/**
 * Catalogues an https issuer whose JWKS override points at the test issuer.
 * Through the use-case, not the API: the API's jwksUri field takes https
 * only, and the loopback issuer speaks http.
 */
export async function catalogueIssuer(
  keys: Pick<OidcIssuer, "jwksUri">,
  options: { issuerUrl?: string; kind?: IssuerKind; name?: string } = {},
): Promise<TIssuer> {
  const kind = options.kind ?? "generic";
  return createIssuer({
    actor: systemActor("diagnose-test"),
    requestId: randomUUID(),
    input: {
      name: options.name ?? `${kind} ${uniqueSuffix()}`,
      issuerUrl: options.issuerUrl ?? `https://idp-${uniqueSuffix()}.example.test`,
      kind,
      jwksUri: keys.jwksUri,
    },
  });
}

export function diagnoseCall(token: string, apiToken: string | undefined) {
  return call(diagnoseRoute.POST, {
    method: "POST",
    path: "/api/v1/diagnose",
    token: apiToken,
    body: { token },
  });
}

/** POST /api/v1/diagnose, expecting 200. */
export async function diagnose(token: string, apiToken: string): Promise<Diagnosis> {
  const response = await diagnoseCall(token, apiToken);
  expect(response.status, await response.clone().text()).toBe(200);
  const diagnosis = (await response.json()) as Diagnosis;
  for (const result of diagnosis.results) {
    assertPlainWords(evaluationTexts(result.evaluation), `diagnosis of ${result.bindingName}`);
  }
  return diagnosis;
}

export function evaluateCall(body: unknown, apiToken: string | undefined) {
  return call(evaluateRoute.POST, {
    method: "POST",
    path: "/api/v1/evaluate",
    token: apiToken,
    body,
  });
}

/** POST /api/v1/evaluate, expecting 200. */
export async function evaluate(body: unknown, apiToken: string): Promise<PublicEvaluation> {
  const response = await evaluateCall(body, apiToken);
  expect(response.status, await response.clone().text()).toBe(200);
  const evaluation = (await response.json()) as PublicEvaluation;
  assertPlainWords(evaluationTexts(evaluation), "POST /api/v1/evaluate");
  return evaluation;
}

export function resultFor(diagnosis: Diagnosis, bindingId: string): BindingResult {
  const result = diagnosis.results.find((candidate) => candidate.bindingId === bindingId);
  if (!result) {
    throw new Error(
      `binding ${bindingId} is not among the results: ${diagnosis.results.map((r) => r.bindingName).join(", ")}`,
    );
  }
  return result;
}

/** The first failing check: the cloud's answer. */
export function firstFailure(evaluation: PublicEvaluation): PublicCheck | undefined {
  return evaluation.checks.find((check) => !check.ok);
}

export function checkNamed(evaluation: PublicEvaluation, name: CheckName): PublicCheck {
  const check = evaluation.checks.find((candidate) => candidate.check === name);
  if (!check) throw new Error(`no ${name} check in ${JSON.stringify(evaluation.checks)}`);
  return check;
}
