import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-actor";
import { hasRole } from "@/lib/auth/roles";
import { listConnectionOptions } from "@/lib/connections/list-connections";
import { listPlanTargets } from "@/lib/sync/plan/list-plan-targets";
import { PlanScopeForm } from "./sync-islands";

export const metadata: Metadata = { title: "Sync" };

export default async function SyncPage() {
  const actor = await requireRole("viewer");
  const canPlan = hasRole(actor.role, "operator");
  const [connections, targets] = canPlan
    ? await Promise.all([listConnectionOptions(), listPlanTargets()])
    : [[], []];
  return (
    <>
      <PageHeader
        title="Sync"
        description="Compare the catalogue with what the clouds hold and see, object by object, what Fedlens would create, update or delete. Planning reads the clouds; it writes nothing."
      />
      {canPlan ? (
        <PlanScopeForm connections={connections} targets={targets} />
      ) : (
        <Alert>Planning needs the operator role.</Alert>
      )}
    </>
  );
}
