import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import { hasRole, type Role } from "@/lib/auth/roles";
import { resolveSession } from "@/lib/auth/session";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { requestedPathHeader, signInHref } from "@/lib/auth/sign-in/return-to";

type UserActor = Extract<Actor, { type: "user" }>;

/** The signed-in user for this render, resolved once per request. */
export const currentActor = cache(async (): Promise<UserActor | null> => {
  const jar = await cookies();
  const actor = await resolveSession(jar.get(sessionCookieName())?.value);
  return actor?.type === "user" ? actor : null;
});

/**
 * Pages and server actions call this themselves (CONVENTIONS 4): the layout's
 * check does not cover actions posted directly. Without a session it sends
 * the browser to sign in and then back to the page it asked for.
 */
export async function requireRole(role: Role): Promise<UserActor> {
  const actor = await currentActor();
  if (!actor) redirect(signInHref((await headers()).get(requestedPathHeader) ?? "/"));
  if (!hasRole(actor.role, role)) forbidden();
  return actor;
}
