"use client";

import { useState } from "react";
import { awsRoleConfig } from "@/components/targets/aws-role-fields";
import { azureAppConfig } from "@/components/targets/azure-app-fields";
import { azureUamiConfig } from "@/components/targets/azure-uami-fields";
import type { ConfigModule } from "@/components/targets/config-module";
import { gcpProviderConfig } from "@/components/targets/gcp-provider-fields";
import { errorMapFrom } from "@/components/workloads/field-errors";
import { useLiveErrors } from "@/components/workloads/use-live-errors";
import type { IssuerOption } from "@/components/workloads/workload-form";
import type { TargetKind } from "@/lib/clouds/types";
import type { ActionState } from "@/lib/http/action-state";

type BuilderProps = {
  kind: TargetKind;
  initialConfig?: Record<string, unknown>;
  issuers: IssuerOption[];
  submission: ActionState;
};

/**
 * The settings of one kind of target, checked live with the schema (and, for
 * GCP, the provider rules) the server applies; posted as JSON in `config`.
 */
export function TargetConfigBuilder(props: BuilderProps) {
  switch (props.kind) {
    case "azure-uami":
      return <BuilderFor module={azureUamiConfig} {...props} />;
    case "azure-app":
      return <BuilderFor module={azureAppConfig} {...props} />;
    case "aws-role":
      return <BuilderFor module={awsRoleConfig} {...props} />;
    case "gcp-provider":
      return <BuilderFor module={gcpProviderConfig} {...props} />;
  }
}

function BuilderFor<Draft>({
  module,
  initialConfig,
  issuers,
  submission,
}: BuilderProps & { module: ConfigModule<Draft> }) {
  const [draft, setDraft] = useState(() => module.draftFrom(initialConfig));
  const live = useLiveErrors(submission, "config");
  const config = module.configFrom(draft);
  const parsed = module.schema.safeParse(config);
  const findings = module.findings?.(draft) ?? { errors: [], warnings: [] };
  // Schema messages first: a finding about a malformed value adds nothing.
  // Findings at one path (a mapping key and its expression) are all shown.
  const findingErrors: Record<string, string> = {};
  for (const { path, message } of findings.errors) {
    const earlier = findingErrors[path]?.replace(/\.$/, "");
    findingErrors[path] = earlier ? `${earlier}; ${message}` : message;
  }
  const clientErrors = {
    ...findingErrors,
    ...(parsed.success ? {} : errorMapFrom(parsed.error)),
  };

  function onChange(patch: Partial<Draft>) {
    setDraft((current) => ({ ...current, ...patch }));
    live.markEdited(Object.keys(patch));
  }

  const wholeError = live.wholeError(clientErrors);
  const Fields = module.Fields;
  return (
    <fieldset className="grid gap-4 rounded-lg border bg-card p-4">
      <legend className="px-1 text-sm font-semibold">Settings</legend>
      <input type="hidden" name="config" value={JSON.stringify(config)} />
      <Fields
        draft={draft}
        onChange={onChange}
        error={live.errorFor(clientErrors)}
        warnings={findings.warnings}
        issuers={issuers}
      />
      {wholeError ? <p className="text-sm text-destructive">{wholeError}</p> : null}
    </fieldset>
  );
}
