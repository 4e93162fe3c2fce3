"use client";

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui", padding: "4rem", textAlign: "center" }}>
        <h1>Fedlens hit an error</h1>
        <p>Reload the page. If it happens again, report reference {error.digest ?? "unknown"}.</p>
      </body>
    </html>
  );
}
