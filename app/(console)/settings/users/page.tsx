import type { Metadata } from "next";
import { AuditPrivilegeWarning } from "@/components/admin/audit-privilege-warning";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-actor";
import { AddUserForm, UsersPanel } from "../admin-panels";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requireRole("admin");
  return (
    <>
      <PageHeader
        title="Users"
        description="Viewers read and diagnose; operators change the catalogue; admins manage users and tokens. There is always at least one active admin."
      />
      <AuditPrivilegeWarning role={actor.role} />
      <div className="grid gap-6">
        <UsersPanel currentUserId={actor.userId} />
        <Card>
          <CardTitle>Add a user</CardTitle>
          <AddUserForm />
        </Card>
      </div>
    </>
  );
}
