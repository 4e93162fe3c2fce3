import { PreviewUnavailable } from "@/components/bindings/preview-panel";
import { JsonBlock } from "@/components/ui/json-block";
import {
  renderTrustPolicy,
  trustPolicyDefaultQuota,
  trustPolicyLength,
  trustPolicyMaxQuota,
} from "@/lib/clouds/aws/trust-policy";
import type { IamStatement } from "@/lib/clouds/aws/trust-statement";
import { cn } from "@/lib/utils";

const count = (value: number) => value.toLocaleString("en-US");

/**
 * The statement, its size against IAM's trust-policy quota (CLOUDS.md 2.6:
 * 2,048 characters by default, 4,096 when raised; whitespace not counted)
 * and the role's whole policy with the target's other statements.
 */
export function AwsPolicyPreview({
  statement,
  siblings,
}: {
  statement: unknown;
  siblings: { spec: unknown }[];
}) {
  if (statement === null || typeof statement !== "object") return <PreviewUnavailable />;
  const others = siblings
    .map((sibling) => (sibling.spec as { statement?: unknown } | null)?.statement)
    .filter((other): other is IamStatement => typeof other === "object" && other !== null);
  const statementLength = JSON.stringify(statement).length;
  const policy = renderTrustPolicy([...others, statement as IamStatement]);
  const policyLength = trustPolicyLength(policy);
  return (
    <>
      <JsonBlock value={statement} title="Trust policy statement" />
      <div className="grid gap-1 text-sm">
        <p>
          This statement: <strong>{count(statementLength)}</strong> characters of IAM&apos;s{" "}
          {count(trustPolicyDefaultQuota)}-character default quota for a trust policy.
        </p>
        <p
          className={cn(
            policyLength > trustPolicyMaxQuota && "text-destructive",
            policyLength > trustPolicyDefaultQuota &&
              policyLength <= trustPolicyMaxQuota &&
              "rounded-md bg-warning px-2 py-1 text-warning-foreground",
          )}
        >
          The role&apos;s whole policy
          {others.length ? ` with its ${others.length} other statement(s)` : ""}:{" "}
          <strong>{count(policyLength)}</strong> of {count(trustPolicyDefaultQuota)} (up to{" "}
          {count(trustPolicyMaxQuota)} with a raised quota).
        </p>
        <meter
          aria-label="Trust policy size"
          min={0}
          max={trustPolicyMaxQuota}
          high={trustPolicyDefaultQuota}
          optimum={0}
          value={policyLength}
          className="w-full"
        />
      </div>
      <details className="grid gap-2 text-sm">
        <summary className="cursor-pointer font-medium">
          The role&apos;s whole trust policy ({policy.Statement.length} statement
          {policy.Statement.length === 1 ? "" : "s"})
        </summary>
        <div className="mt-2">
          <JsonBlock value={policy} title="Trust policy" />
        </div>
      </details>
    </>
  );
}
