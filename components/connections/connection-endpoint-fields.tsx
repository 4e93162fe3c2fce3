import { Field } from "@/components/ui/field";
import { CodeInput } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { Cloud } from "@/lib/clouds/types";

// Overrides for sovereign clouds, proxies and emulators; all optional.
const endpointFields: Record<Cloud, { name: string; label: string; example: string }[]> = {
  azure: [
    {
      name: "azureResourceManager",
      label: "Resource Manager",
      example: "https://management.azure.com",
    },
    {
      name: "azureAuthorityHost",
      label: "Sign-in authority",
      example: "https://login.microsoftonline.com",
    },
    { name: "azureGraph", label: "Microsoft Graph", example: "https://graph.microsoft.com" },
  ],
  aws: [
    { name: "awsEndpoint", label: "IAM and STS endpoint", example: "https://iam.amazonaws.com" },
  ],
  gcp: [
    { name: "gcpRootUrl", label: "API root URL", example: "https://iam.googleapis.com/" },
    { name: "gcpTokenUrl", label: "Token URL", example: "https://oauth2.googleapis.com/token" },
  ],
};

export function ConnectionEndpointFields({
  cloud,
  errors,
  values,
}: {
  cloud: Cloud;
  errors: Record<string, string>;
  values: Record<string, string>;
}) {
  return (
    <details
      className="grid gap-4 rounded-md border px-4 py-3"
      open={
        Object.keys(errors).some((key) => key.startsWith("endpoints.") || key === "caBundle") ||
        undefined
      }
    >
      <summary className="cursor-pointer text-sm font-semibold">
        Endpoints and CA (optional)
      </summary>
      <p className="mt-2 text-xs text-muted-foreground">
        Only for sovereign clouds, proxies or emulators. Each must be an https URL; plain http,
        local and private hosts are accepted only when an administrator lists them in
        FEDLENS_ALLOWED_CLOUD_ENDPOINT_HOSTS.
      </p>
      <div className="mt-3 grid gap-4">
        {endpointFields[cloud].map((field) => {
          const name = `endpoints.${field.name}`;
          return (
            <Field
              key={name}
              id={name}
              label={field.label}
              error={errors[name]}
              help={`Default: ${field.example}`}
            >
              <CodeInput
                name={name}
                type="url"
                spellCheck={false}
                placeholder={field.example}
                defaultValue={values[name] ?? ""}
              />
            </Field>
          );
        })}
        <Field
          id="caBundle"
          label="CA certificates"
          error={errors.caBundle}
          help="PEM certificates trusted, besides the system's, for these endpoints (an emulator's or a private CA). Never a private key."
        >
          <Textarea
            name="caBundle"
            rows={4}
            spellCheck={false}
            defaultValue={values.caBundle ?? ""}
            className="font-mono text-xs"
            placeholder="-----BEGIN CERTIFICATE-----"
          />
        </Field>
      </div>
    </details>
  );
}
