import { account, gh, githubClaims, now, statement, type StatementSpec } from "./fixtures";

// Tokens and condition fragments shared by the trust-policy tables.

export const aud = { [`${gh}:aud`]: "sts.amazonaws.com" };
export const branchSub = "repo:octo-org/octo-repo:ref:refs/heads/main";
export const prClaims = githubClaims({
  sub: "repo:octo-org/octo-repo:pull_request",
  event_name: "pull_request",
});
export const envClaims = githubClaims({
  sub: "repo:octo-org/octo-repo:environment:prod",
  environment: "prod",
});
export const gitlabArn = `arn:aws:iam::${account}:oidc-provider/gitlab.com`;
export const gitlabClaims = {
  iss: "https://gitlab.com",
  aud: "https://gitlab.com",
  sub: "project_path:grp/app:ref_type:branch:ref:main",
  environment: "prod",
  exp: now + 300,
};
export const googleClaims = (extra: Record<string, unknown>) => ({
  iss: "https://accounts.google.com",
  aud: "32555940559.apps.googleusercontent.com",
  sub: "110169484474386276334",
  exp: now + 300,
  ...extra,
});
export const google = (condition: StatementSpec["Condition"]) =>
  statement({ Principal: { Federated: "accounts.google.com" }, Condition: condition });
