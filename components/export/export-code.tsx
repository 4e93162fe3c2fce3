"use client";

import { useState } from "react";
import { buttonVariants } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { VisibleText } from "@/components/ui/visible-text";
import { cn } from "@/lib/utils";

export type ExportCodeDocument = { format: string; label: string; filename: string; text: string };

/**
 * A format switch (native radios: arrow keys move between them), the code
 * with hidden characters made visible, and Copy and Download. Copy takes the
 * exact text; Download fetches the same file from the API.
 */
export function ExportCode({
  documents,
  downloadPath,
}: {
  documents: ExportCodeDocument[];
  downloadPath: string;
}) {
  const [format, setFormat] = useState(documents[0]?.format ?? "");
  const current = documents.find((document) => document.format === format) ?? documents[0];
  if (!current) return null;
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <fieldset className="flex flex-wrap gap-1 rounded-md border p-1">
          <legend className="sr-only">Format</legend>
          {documents.map((document) => (
            <label
              key={document.format}
              className={cn(
                "cursor-pointer rounded px-3 py-1 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
                document.format === current.format && "bg-primary text-primary-foreground",
              )}
            >
              <input
                type="radio"
                name="export-format"
                value={document.format}
                checked={document.format === current.format}
                onChange={() => setFormat(document.format)}
                className="sr-only"
              />
              {document.label}
            </label>
          ))}
        </fieldset>
        <div className="flex gap-2">
          <CopyButton text={current.text} label={`Copy ${current.label}`} />
          <a
            href={`${downloadPath}?format=${encodeURIComponent(current.format)}`}
            download={current.filename}
            className={buttonVariants({ variant: "outline", size: "sm" })}
          >
            Download {current.filename}
          </a>
        </div>
      </div>
      <pre
        aria-label={`${current.label} code`}
        tabIndex={0}
        className="max-h-[32rem] overflow-auto rounded-md border bg-muted p-3 font-mono text-xs leading-relaxed"
      >
        {/* Line by line: a line break is real layout here, every other hidden character is shown. */}
        {current.text.split("\n").map((line, index) => (
          <span key={index}>
            {index > 0 ? "\n" : null}
            <VisibleText text={line} />
          </span>
        ))}
      </pre>
    </div>
  );
}
