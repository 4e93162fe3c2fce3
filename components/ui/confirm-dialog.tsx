"use client";

import { useRef, type ReactNode } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";

/**
 * A native <dialog>: focus is trapped and Escape closes it without extra
 * code. Confirm either with `children` (a form that posts) or `onConfirm`.
 */
export function ConfirmDialog({
  triggerLabel,
  triggerVariant = "destructive",
  triggerSize,
  title,
  description,
  children,
  confirmLabel = "Confirm",
  confirmVariant = "destructive",
  onConfirm,
}: {
  triggerLabel: string;
  triggerVariant?: ButtonProps["variant"];
  triggerSize?: ButtonProps["size"];
  title: string;
  description: ReactNode;
  children?: ReactNode;
  confirmLabel?: string;
  /** The confirm button's look: destructive for deletes, default for a write that is not one. */
  confirmVariant?: ButtonProps["variant"];
  onConfirm?: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <Button
        variant={triggerVariant}
        size={triggerSize}
        onClick={() => dialog.current?.showModal()}
      >
        {triggerLabel}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="confirm-title"
        className="m-auto w-full max-w-md rounded-lg border bg-card p-6 text-foreground shadow-lg backdrop:bg-black/40"
      >
        <h2 id="confirm-title" className="mb-2 text-lg font-semibold">
          {title}
        </h2>
        <div className="mb-6 text-sm text-muted-foreground">{description}</div>
        <div className="flex justify-end gap-3">
          <Button variant="outline" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          {children}
          {onConfirm ? (
            <Button
              variant={confirmVariant}
              onClick={() => {
                onConfirm();
                dialog.current?.close();
              }}
            >
              {confirmLabel}
            </Button>
          ) : null}
        </div>
      </dialog>
    </>
  );
}
