import { googleProviderKey } from "@/lib/clouds/aws/match/request-context";

// CLOUDS.md 2.1: Google and Cognito need no IAM provider object (Facebook and
// Amazon issue OAuth access tokens, not OIDC JWTs).
export const builtInProviders = [googleProviderKey, "cognito-identity.amazonaws.com"];
