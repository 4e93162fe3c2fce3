import { ClaimValue } from "@/components/diagnose/claim-value";
import { claimDescriptions, headerDescriptions } from "@/components/diagnose/labels";
import type { Diagnosis } from "@/components/diagnose/types";
import { Card, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Table, Td, Th } from "@/components/ui/table";
import { VisibleText } from "@/components/ui/visible-text";

/** One decoded part of a token (header or claims) as a table of names, values and meanings. */
export function DecodedTable({
  caption,
  values,
  descriptions,
  nowSeconds,
}: {
  caption: string;
  values: Record<string, unknown>;
  descriptions: Record<string, string>;
  nowSeconds: number;
}) {
  const entries = Object.entries(values);
  return (
    <Table>
      <caption className="px-3 py-2 text-left text-sm font-medium">{caption}</caption>
      <thead>
        <tr>
          <Th className="w-40">Name</Th>
          <Th>Value</Th>
          <Th className="w-56">Meaning</Th>
        </tr>
      </thead>
      <tbody>
        {entries.length === 0 ? (
          <tr>
            <Td colSpan={3} className="text-muted-foreground">
              Empty.
            </Td>
          </tr>
        ) : null}
        {entries.map(([name, value]) => (
          <tr key={name}>
            <Th
              scope="row"
              className="bg-transparent align-top font-mono text-xs font-normal text-foreground"
            >
              <VisibleText text={name} />
            </Th>
            <Td className="min-w-0">
              <ClaimValue name={name} value={value} nowSeconds={nowSeconds} />
            </Td>
            <Td className="text-muted-foreground">
              {Object.hasOwn(descriptions, name) ? descriptions[name] : <em>Other claim</em>}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Header and claims as decoded, labelled unverified until the signature check passes. */
export function TokenTables({ diagnosis }: { diagnosis: Diagnosis }) {
  const verified = diagnosis.signature.status === "valid";
  const nowSeconds = Date.parse(diagnosis.evaluatedAt) / 1000;
  const label = verified ? "signature verified" : "UNVERIFIED until the signature check passes";
  return (
    <Card aria-labelledby="token-title">
      <CardTitle id="token-title">Decoded token</CardTitle>
      <p className="mb-4 text-sm">
        {verified ? (
          <span>✓ The signature is valid: the issuer&apos;s key vouches for these values.</span>
        ) : (
          <span className="font-medium text-destructive">
            ⚠ UNVERIFIED until the signature check passes: anyone can write these values.
          </span>
        )}
      </p>
      <div className="grid grid-cols-1 gap-6">
        <DecodedTable
          caption={`Header (${label})`}
          values={diagnosis.header}
          descriptions={headerDescriptions}
          nowSeconds={nowSeconds}
        />
        <DecodedTable
          caption={`Claims (${label})`}
          values={diagnosis.claims}
          descriptions={claimDescriptions}
          nowSeconds={nowSeconds}
        />
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span className="text-muted-foreground">Token SHA-256</span>
          <code className="font-mono text-xs break-all">{diagnosis.tokenSha256}</code>
          <CopyButton text={diagnosis.tokenSha256} label="Copy SHA-256" />
        </div>
        <p className="text-xs text-muted-foreground">
          Fedlens keeps only this hash and a few claims; the token itself is not stored.
        </p>
      </div>
    </Card>
  );
}
