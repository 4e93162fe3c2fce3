/**
 * What is wrong with one signing key, under its entry in a key list: a key no
 * verifier can use in red, a weak one as a warning.
 */
export function KeyFindings({ problem, warnings }: { problem: string | null; warnings: string[] }) {
  if (!problem && warnings.length === 0) return null;
  return (
    <ul className="mt-0.5 mb-1 grid gap-0.5 font-sans text-xs">
      {problem ? <li className="text-destructive">✗ Cannot be used: {problem}.</li> : null}
      {warnings.map((warning) => (
        <li key={warning} className="text-warning-foreground">
          ⚠ Weak: {warning}.
        </li>
      ))}
    </ul>
  );
}
