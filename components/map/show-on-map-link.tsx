import Link from "next/link";
import type { Diagnosis } from "@/lib/diagnose/diagnosis";

/** From a diagnosis to the map, with the bindings that accept the token drawn thicker. */
export function ShowOnMapLink({ diagnosis }: { diagnosis: Pick<Diagnosis, "results"> }) {
  const accepting = diagnosis.results
    .filter((result) => result.evaluation.accepted)
    .map((result) => `binding:${result.bindingId}`);
  if (accepting.length === 0) return null;
  return (
    <Link
      href={`/map?focus=${accepting.join(",")}`}
      className="text-sm underline underline-offset-4"
    >
      Show on map
    </Link>
  );
}
