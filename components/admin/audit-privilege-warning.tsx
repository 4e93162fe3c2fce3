import { Alert } from "@/components/ui/alert";
import { findAuditWarnings } from "@/lib/audit/find-audit-warnings";
import { hasRole, type Role } from "@/lib/auth/roles";

/** Admins see, on top of the admin pages, what `serve` warned about at start. */
export async function AuditPrivilegeWarning({ role }: { role: Role | null }) {
  if (!role || !hasRole(role, "admin")) return null;
  const warnings = await findAuditWarnings();
  if (warnings.length === 0) return null;
  return (
    <Alert variant="warning" aria-label="Audit trail protection" className="mb-6 grid gap-2">
      {warnings.map((warning) => (
        <p key={warning}>{warning}</p>
      ))}
    </Alert>
  );
}
