import { cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { Label } from "@/components/ui/label";

type ControlProps = {
  id?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
};

/**
 * Label, control, help and error in one place; wires aria-invalid and
 * aria-describedby onto the control so the error is announced with it.
 */
export function Field({
  id,
  label,
  help,
  error,
  warnings,
  children,
}: {
  id: string;
  label: string;
  help?: ReactNode;
  error?: string;
  warnings?: string[];
  children: ReactElement<ControlProps>;
}) {
  const helpId = help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const warningId = warnings?.length ? `${id}-warnings` : undefined;
  const describedBy = [errorId, warningId, helpId].filter(Boolean).join(" ") || undefined;
  const control = isValidElement(children)
    ? cloneElement(children, {
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy,
      })
    : children;
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {control}
      {error ? (
        <p id={errorId} className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      {warnings?.length ? (
        <ul
          id={warningId}
          className="grid gap-1 rounded-md bg-warning px-3 py-2 text-sm text-warning-foreground"
          aria-live="polite"
        >
          {warnings.map((warning) => (
            <li key={warning}>⚠ {warning}</li>
          ))}
        </ul>
      ) : null}
      {help ? (
        <p id={helpId} className="text-xs text-muted-foreground">
          {help}
        </p>
      ) : null}
    </div>
  );
}
