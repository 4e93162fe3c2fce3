"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * Posts to next-auth's sign-out endpoint with its CSRF token (the server
 * revokes the session in its signOut event), then leaves for the sign-in
 * page. Done by hand rather than with next-auth/react, whose client would
 * add ~9 KB gzip to every console page's first load (issue 11 §11).
 */
async function signOut(): Promise<void> {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/sign-in", json: "true" }),
  });
  // A full load, not a client navigation: it drops every cache of the signed-out user's data.
  window.location.replace(new URL("/sign-in", window.location.origin));
}

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      onClick={() => {
        setPending(true);
        signOut().catch(() => setPending(false));
      }}
    >
      Sign out
    </Button>
  );
}
