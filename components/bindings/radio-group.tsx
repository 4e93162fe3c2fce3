import type { ReactNode } from "react";

export type RadioOption<T extends string> = { value: T; label: string; description?: ReactNode };

/**
 * Native radios in a fieldset: arrow keys move between them. They name a
 * form that does not exist, so the browser groups them without posting
 * them: the form sends only the spec JSON built from them.
 */
export function RadioGroup<T extends string>({
  name,
  legend,
  value,
  options,
  onChange,
  error,
}: {
  name: string;
  legend: string;
  value: T;
  options: RadioOption<T>[];
  onChange: (value: T) => void;
  error?: string;
}) {
  const errorId = error ? `${name}-error` : undefined;
  return (
    <fieldset className="grid gap-2" aria-describedby={errorId}>
      <legend className="mb-1.5 text-sm font-medium">{legend}</legend>
      {options.map((option) => {
        const id = `${name}-${option.value}`;
        return (
          <div key={option.value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              id={id}
              name={name}
              form={`${name}-local`}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              aria-describedby={option.description ? `${id}-description` : undefined}
              className="mt-1"
            />
            <div className="grid gap-0.5">
              <label htmlFor={id}>{option.label}</label>
              {option.description ? (
                <p id={`${id}-description`} className="text-xs text-muted-foreground">
                  {option.description}
                </p>
              ) : null}
            </div>
          </div>
        );
      })}
      {error ? (
        <p id={errorId} className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
