import { isDeepStrictEqual } from "node:util";
import { CloudCallError } from "@/lib/clouds/adapter-types";
import type { TAzureBindingSpec } from "@/lib/clouds/azure/binding-spec";
import { changedInCloud } from "@/lib/clouds/write-guard";
import { requestJson } from "./clients";
import { explainAzureError, unexpectedResponse } from "./explain";
import { getApplicationFic, graphUrl } from "./graph-read";
import type { ReadContext } from "./read-context";
import { ZGraphFic, type TGraphFic } from "./responses";

// An app registration's credentials written through Microsoft Graph on the
// same core pipeline as the reads: POST creates, PATCH updates (Graph
// addresses a credential by id or name; Fedlens uses the id it just read),
// DELETE removes. v1.0 requires a subject; a flexible credential
// (claimsMatchingExpression) needs beta (CLOUDS.md 1.1, 1.6).
// https://learn.microsoft.com/en-us/graph/api/application-post-federatedidentitycredentials
// https://learn.microsoft.com/en-us/graph/api/federatedidentitycredential-update
// https://learn.microsoft.com/en-us/graph/api/federatedidentitycredential-delete

// Graph's 400 for a second credential of the same name on one app.
function isNameTaken(error: unknown): boolean {
  const { status, message } = explainAzureError(error);
  return status === 400 && /already exists/i.test(message) && !/issuer and subject/i.test(message);
}

type Sent = Pick<
  TGraphFic,
  "issuer" | "audiences" | "subject" | "claimsMatchingExpression" | "description"
>;

/** What a create sends, absent and null alike, to recognise a credential it stored. */
const sentFields = (fic: Sent) => ({
  issuer: fic.issuer,
  audiences: fic.audiences,
  subject: fic.subject ?? null,
  claimsMatchingExpression: fic.claimsMatchingExpression ?? null,
  description: fic.description ?? null,
});

const version = (flexible: boolean) => (flexible ? "/beta" : "/v1.0");

function isFlexibleWrite(spec: TAzureBindingSpec, current: TGraphFic | null): boolean {
  return spec.claimsMatchingExpression !== undefined || current?.claimsMatchingExpression != null;
}

export function graphFicStore(ctx: ReadContext, objectId: string) {
  const collection = (flexible: boolean) =>
    graphUrl(ctx, `${version(flexible)}/applications/${objectId}/federatedIdentityCredentials`);
  const send = (method: "POST" | "PATCH" | "DELETE", url: string, body?: unknown) =>
    ctx.call(() => requestJson(ctx.clients.graph, { method, url, body }, ctx.signal));
  const store = {
    read: (name: string) => getApplicationFic(ctx, objectId, name),
    async write(spec: TAzureBindingSpec, current: TGraphFic | null): Promise<TGraphFic> {
      const flexible = isFlexibleWrite(spec, current);
      const { name, issuer, audiences, subject, claimsMatchingExpression } = spec;
      // Subject and expression exclude each other: an update clears the one not wanted.
      const match = flexible
        ? { subject: subject ?? null, claimsMatchingExpression: claimsMatchingExpression ?? null }
        : { subject };
      // The catalogue's description replaces the cloud's, absent included, so a re-run converges.
      const fields = { issuer, audiences, ...match, description: spec.description ?? null };
      if (!current) {
        const body = await send("POST", collection(flexible), { name, ...fields }).catch(
          async (error: unknown) => {
            // POST is not idempotent: a create whose answer was lost (a 5xx
            // after Graph stored it) meets itself on the retry, holding what
            // was sent, and is adopted. A credential of that name holding
            // anything else was made by someone else since the read: it is
            // left alone (write-guard.ts).
            const adopted = isNameTaken(error) ? await store.read(name) : null;
            if (!adopted) throw error;
            if (!isDeepStrictEqual(sentFields(adopted), sentFields(fields))) {
              throw new CloudCallError(changedInCloud(`application ${objectId} ${name}`, "create"));
            }
            return adopted;
          },
        );
        const fic = ZGraphFic.safeParse(body);
        if (!fic.success) throw unexpectedResponse(`application ${objectId}`, fic.error.message);
        return fic.data;
      }
      // PATCH answers 204 without a body: the credential is now what was sent.
      await send("PATCH", `${collection(flexible)}/${encodeURIComponent(current.id)}`, fields);
      return {
        ...current,
        ...fields,
        subject: subject ?? null,
        claimsMatchingExpression: claimsMatchingExpression ?? null,
      };
    },
    async remove(current: TGraphFic): Promise<void> {
      await send("DELETE", `${collection(false)}/${encodeURIComponent(current.id)}`);
    },
  };
  return store;
}
