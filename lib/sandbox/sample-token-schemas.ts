import { z } from "zod";

// Shared by the route, the use-case's callers and the page's button.

export const ZSampleTokenRequest = z
  .object({ bindingId: z.uuid({ message: "must be a binding id" }) })
  .strict();
export type TSampleTokenRequest = z.infer<typeof ZSampleTokenRequest>;

export const ZSampleToken = z.object({
  token: z.string(),
  cloud: z.enum(["azure", "aws", "gcp"]),
  bindingName: z.string(),
  sub: z.string(),
  aud: z.string(),
  expiresAt: z.string(),
});
export type TSampleToken = z.infer<typeof ZSampleToken>;
