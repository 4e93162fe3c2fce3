import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/current-actor";
import type { Role } from "@/lib/auth/roles";
import type { InvalidParam } from "@/lib/errors";
import type { ActionState } from "@/lib/http/action-state";
import { findUnstorableText } from "@/lib/http/find-unstorable-text";
import { invalidParamsFrom } from "@/lib/http/invalid-params";
import { normaliseError } from "@/lib/http/normalise-error";
import { isSameOriginRequest } from "@/lib/http/origin";
import { requestIdFrom } from "@/lib/http/request-id";
import { logger } from "@/lib/log/logger";

// The server-action twin of defineRoute (CONVENTIONS 8): same-origin check,
// role from the database, a size cap, zod parsing, and errors as messages
// under the fields. Handlers call the same use-cases as the API routes.

type Handler<Input, A> = (context: {
  actor: A;
  input: Input;
  requestId: string;
}) => Promise<ActionState | void>;
type FormAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;
type Options = { maxBodyBytes?: number };

/**
 * What one form may carry. next.config.mjs lets Next.js accept far more, so
 * that an oversized post reaches this wrapper and gets the form back with a
 * message instead of Next.js's error page.
 */
export const defaultMaxFormBytes = 256 * 1024;

// Fields never sent back to the form after an error: passwords, pasted
// tokens, cloud secrets, and key files (a service-account key).
const secretField = /password|secret|token|key$/i;
const utf8 = new TextEncoder();

function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !key.startsWith("$ACTION")) values[key] = value;
  }
  return values;
}

/** The form's size in bytes as posted, and its largest field. */
function measureForm(formData: FormData): { bytes: number; largest: string | undefined } {
  let bytes = 0;
  let largest: { name: string; bytes: number } | undefined;
  for (const [key, value] of formData) {
    const size = typeof value === "string" ? utf8.encode(value).byteLength : value.size;
    bytes += utf8.encode(key).byteLength + size;
    if (!largest || size > largest.bytes) largest = { name: key, bytes: size };
  }
  return { bytes, largest: largest?.name };
}

function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
    : `${Math.ceil(bytes / 1024)} KiB`;
}

function keptValues(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !secretField.test(key)));
}

function fieldErrorsFrom(params: InvalidParam[] | undefined): Record<string, string> | undefined {
  if (!params?.length) return undefined;
  return Object.fromEntries(params.map((param) => [param.name, param.reason]));
}

function buildAction<Input, A>(
  authorize: () => Promise<A>,
  schema: z.ZodType<Input, unknown>,
  handler: Handler<Input, A>,
  { maxBodyBytes = defaultMaxFormBytes }: Options,
): FormAction {
  return async function action(_previous, formData) {
    const requestHeaders = await headers();
    const requestId = requestIdFrom(requestHeaders);
    const values = formValues(formData);
    const failed = (message: string, invalidParams?: InvalidParam[]): ActionState => ({
      status: "error",
      message,
      fieldErrors: fieldErrorsFrom(invalidParams),
      values: keptValues(values),
      requestId,
    });
    // Next.js lets an action posted without Origin through (SECURITY.md 3.1).
    if (!isSameOriginRequest({ headers: requestHeaders })) {
      return failed("This form was refused: it was not sent from this console. Reload the page.");
    }
    try {
      const actor = await authorize();
      const size = measureForm(formData);
      if (size.bytes > maxBodyBytes) {
        // Sending the oversized text back would only make the reply as large.
        if (size.largest) delete values[size.largest];
        const limit = describeSize(maxBodyBytes);
        return failed(
          `The form is too large to save: ${describeSize(size.bytes)}, where at most ${limit} is accepted. Shorten the highlighted field.`,
          size.largest
            ? [{ name: size.largest, reason: `is too large (at most ${limit} in all)` }]
            : [],
        );
      }
      const unstorable = findUnstorableText(values);
      if (unstorable) {
        return failed("Check the highlighted fields.", [
          { name: unstorable.path, reason: unstorable.reason },
        ]);
      }
      const parsed = schema.safeParse(values);
      if (!parsed.success)
        return failed("Check the highlighted fields.", invalidParamsFrom(parsed.error));
      return (await handler({ actor, input: parsed.data, requestId })) ?? { status: "success" };
    } catch (error) {
      // redirect(), notFound() and forbidden() work by throwing.
      unstable_rethrow(error);
      const known = normaliseError(error);
      if (known) return failed(known.message, known.invalidParams);
      logger.error({ err: error, requestId }, "unhandled error in server action");
      return failed(
        `Something went wrong on our side. Quote request id ${requestId} when reporting it.`,
      );
    }
  };
}

export function defineAction<Input>(
  config: {
    role: Role;
    schema: z.ZodType<Input, unknown>;
    handler: Handler<Input, Actor>;
  } & Options,
): FormAction {
  return buildAction(() => requireRole(config.role), config.schema, config.handler, config);
}

/** For the few actions open to anyone (first-run setup); the use-case guards itself. */
export function definePublicAction<Input>(
  config: {
    schema: z.ZodType<Input, unknown>;
    handler: Handler<Input, null>;
  } & Options,
): FormAction {
  return buildAction(async () => null, config.schema, config.handler, config);
}
