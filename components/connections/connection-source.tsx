import { Badge } from "@/components/ui/badge";
import type { TConnectionOption } from "@/lib/schemas/connection";

/** Which connection a page reads through, labelled when the built-in sandbox serves it. */
export function ConnectionSource({
  connection,
}: {
  connection: Pick<TConnectionOption, "name" | "sandbox"> | undefined;
}) {
  if (!connection) return null;
  return (
    <p className="mb-4 flex flex-wrap items-center gap-2 text-sm">
      <span>Through the connection {connection.name}</span>
      {connection.sandbox ? <Badge variant="warning">Sandbox</Badge> : null}
    </p>
  );
}
