"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { Timestamp } from "@/components/ui/timestamp";
import { useSampleToken } from "@/lib/hooks/use-sample-token";

export type SampleTokenBinding = { id: string; label: string };

/**
 * On a Sandbox issuer workload's page, while the sandbox runs: a token for
 * one of the workload's bindings, shown once, to paste into Diagnose.
 */
export function SampleTokenCard({
  workloadId,
  bindings,
}: {
  workloadId: string;
  bindings: SampleTokenBinding[];
}) {
  const [bindingId, setBindingId] = useState(bindings[0]?.id ?? "");
  const { pending, sample, error, mint } = useSampleToken(workloadId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void mint(bindingId);
  };
  return (
    <Card aria-labelledby="sample-token-title">
      <CardTitle id="sample-token-title">Sample token</CardTitle>
      <p className="mb-4 text-sm text-muted-foreground">
        This workload belongs to the Sandbox issuer, which exists only on this machine. Get a token
        for it, valid 10 minutes, then diagnose it and try the exchange with the sandbox clouds.
      </p>
      {bindings.length === 0 ? (
        <p className="text-sm">
          Add a binding first: the token is made for one binding&apos;s cloud.
        </p>
      ) : (
        <form onSubmit={submit} className="grid gap-4 sm:max-w-xl">
          <Field id="sample-token-binding" label="For the binding">
            <Select
              value={bindingId}
              disabled={pending}
              onChange={(event) => setBindingId(event.target.value)}
            >
              {bindings.map((binding) => (
                <option key={binding.id} value={binding.id}>
                  {binding.label}
                </option>
              ))}
            </Select>
          </Field>
          <div>
            <Button type="submit" disabled={pending}>
              {pending ? "Signing…" : "Get sample token"}
            </Button>
          </div>
        </form>
      )}
      <div aria-live="polite" className="mt-4 grid gap-3">
        {error ? <Alert variant="error">{error}</Alert> : null}
        {sample ? (
          <>
            <Field
              id="sample-token-value"
              label="Sample token"
              help={
                <>
                  For {sample.bindingName}: sub <code>{sample.sub}</code>, aud{" "}
                  <code>{sample.aud}</code>, valid until <Timestamp iso={sample.expiresAt} />. Shown
                  once: Fedlens keeps no copy.
                </>
              }
            >
              <Textarea readOnly value={sample.token} rows={5} className="font-mono text-xs" />
            </Field>
            <div className="flex flex-wrap items-center gap-3">
              <CopyButton text={sample.token} label="Copy token" />
              <Link
                href="/diagnose"
                target="_blank"
                rel="noopener noreferrer"
                className="text-sm text-primary hover:underline"
              >
                Diagnose it (paste it there) →
              </Link>
            </div>
          </>
        ) : null}
      </div>
    </Card>
  );
}
