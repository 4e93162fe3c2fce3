import { ficCapacityWarningAt, maxFicsPerIdentity } from "@/lib/clouds/azure/fic-limits";

/** CLOUDS.md 1.5: an identity or app holds at most 20 federated credentials, one per binding here. */
export function FicCapacity({ used }: { used: number }) {
  const isNearLimit = used >= ficCapacityWarningAt;
  return (
    <div className="grid gap-1.5">
      <p className="text-sm">
        <span className="font-medium">
          {used} of {maxFicsPerIdentity}
        </span>{" "}
        federated credential slots used
        {isNearLimit
          ? used >= maxFicsPerIdentity
            ? ": Entra refuses more. Consolidate with a flexible credential or another identity."
            : ": close to Entra's limit."
          : "."}
      </p>
      <meter
        min={0}
        max={maxFicsPerIdentity}
        high={ficCapacityWarningAt - 0.5}
        optimum={0}
        value={used}
        aria-label="Federated credential slots used"
        className="h-2 w-full max-w-sm"
      />
    </div>
  );
}
