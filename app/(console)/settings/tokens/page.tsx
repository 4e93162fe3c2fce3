import type { Metadata } from "next";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-actor";
import { CreateTokenForm, TokensPanel } from "../admin-panels";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  await requireRole("admin");
  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            For automation: send <code>Authorization: Bearer fl_…</code> to <code>/api/v1</code>. A
            token never acts above its creator&apos;s current role and stops working when it expires
            (after 90 days unless you choose otherwise). Only a SHA-256 of each token is stored.
          </>
        }
      />
      <div className="grid gap-6">
        <Card>
          <CardTitle>Create a token</CardTitle>
          <CreateTokenForm />
        </Card>
        <TokensPanel />
      </div>
    </>
  );
}
