// The small estate the trust-map tests judge, made through the same
// use-cases as the API: three GitHub workloads of one issuer and one trust of
// each kind — an exact subject, a case slip (declared, refused), an
// owner-wide pattern (admits more than its workload) and a pool-wide grant.
import type { TBinding } from "@/lib/schemas/binding";
import type { TIssuer } from "@/lib/schemas/issuer";
import type { TWorkload } from "@/lib/schemas/workload";
import {
  awsSpec,
  azureSpec,
  createTestBinding,
  createTestIssuer,
  createTestTarget,
  createTestWorkload,
  gcpSpec,
} from "@/test/factories/catalog";

export type TrustMapEstate = {
  issuer: TIssuer;
  web: TWorkload;
  api: TWorkload;
  tool: TWorkload;
  exact: TBinding;
  slip: TBinding;
  broad: TBinding;
  pool: TBinding;
};

const github = (owner: string, repo: string) => ({
  kind: "github" as const,
  owner,
  repo,
  trigger: "environment" as const,
  name: "production",
});

export async function createTrustMapEstate(): Promise<TrustMapEstate> {
  const issuer = await createTestIssuer("github-actions");
  const web = await createTestWorkload({ issuer, subjectSpec: github("contoso", "web") });
  const api = await createTestWorkload({ issuer, subjectSpec: github("contoso", "api") });
  const tool = await createTestWorkload({ issuer, subjectSpec: github("fabrikam", "tool") });
  const identity = await createTestTarget("azure-uami");
  const role = await createTestTarget("aws-role");
  const provider = await createTestTarget("gcp-provider");
  const exact = await createTestBinding({ workload: web, target: identity, spec: azureSpec(web) });
  const slip = await createTestBinding({
    workload: api,
    target: identity,
    spec: azureSpec(api, { subject: "repo:contoso/api:environment:Production" }),
  });
  const like = awsSpec(web);
  const broad = await createTestBinding({
    workload: web,
    target: role,
    spec: {
      ...like,
      builder: { ...like.builder, subjectOperator: "StringLike", subjects: ["repo:contoso/*"] },
    },
  });
  const pool = await createTestBinding({
    workload: tool,
    target: provider,
    spec: gcpSpec({ memberKind: "pool" }),
  });
  return { issuer, web, api, tool, exact, slip, broad, pool };
}
