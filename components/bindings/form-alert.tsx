import { Alert } from "@/components/ui/alert";
import type { Finding } from "@/lib/catalog/findings";
import { describeFinding } from "@/lib/catalog/findings-labels";

/** The server's answer to a submission, with every error no control claims. */
export function FormAlert({ message, findings }: { message?: string; findings: Finding[] }) {
  if (!message && findings.length === 0) return null;
  return (
    <Alert variant="error">
      {message ? <p>{message}</p> : null}
      {findings.length ? (
        <ul className="mt-1 grid gap-1">
          {findings.map((finding) => {
            const { label, message } = describeFinding(finding);
            return (
              <li key={finding.path}>
                {label ? <span className="font-medium">{label}: </span> : null}
                {message}
              </li>
            );
          })}
        </ul>
      ) : null}
    </Alert>
  );
}
