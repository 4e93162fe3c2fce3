import { CopyButton } from "@/components/ui/copy-button";

/** Pretty-printed JSON with a copy button: what operators paste into the cloud's CLI or console. */
export function JsonBlock({ value, title }: { value: unknown; title?: string }) {
  const text = JSON.stringify(value, null, 2);
  return (
    <figure className="grid gap-2">
      <figcaption className="flex items-center justify-between gap-4">
        <span className="text-sm font-medium">{title}</span>
        <CopyButton text={text} label={title ? `Copy ${title}` : "Copy"} />
      </figcaption>
      <pre className="max-h-[32rem] overflow-auto rounded-md border bg-muted p-3 font-mono text-xs leading-relaxed">
        {text}
      </pre>
    </figure>
  );
}
