import Link from "next/link";
import { targetKindCards } from "@/components/targets/target-kinds";
import { Badge } from "@/components/ui/badge";
import { cloudLabels, targetKindInfo, targetKinds } from "@/lib/clouds/registry";

/** The first step of adding a target: which kind of cloud object holds the trust. */
export function TargetKindPicker() {
  return (
    <ul className="grid items-start gap-4 sm:grid-cols-2">
      {targetKinds.map((kind) => (
        <li key={kind}>
          <Link
            href={`/targets/new?kind=${kind}`}
            className="grid h-full gap-2 rounded-lg border bg-card p-5 shadow-xs transition-colors hover:border-primary hover:bg-muted"
          >
            <span className="flex items-center justify-between gap-3">
              <span className="font-semibold">{targetKindCards[kind].title}</span>
              <Badge variant="outline">{cloudLabels[targetKindInfo(kind).cloud]}</Badge>
            </span>
            <span className="text-sm text-muted-foreground">{targetKindCards[kind].summary}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
