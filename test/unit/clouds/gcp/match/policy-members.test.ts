import { describe, expect, it } from "vitest";
import { membersOf } from "@/lib/clouds/gcp/match/policy-members";
import { parseMember } from "@/lib/clouds/gcp/principals";

// A policy's members are read once per list; a list changed in place must
// be read again, never answered with the old reading.

const pool =
  "//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github-pool";
const subject = `principal:${pool}/subject/repo:octo-org/octo-repo:ref:refs/heads/main`;
const wholePool = `principalSet:${pool}/*`;

function readingOf(members: string[]) {
  return members.map((member) => ({ member, parsed: parseMember(member) }));
}

describe("membersOf", () => {
  it("reads each member as parseMember does, and again after the list changes in place", () => {
    const members = [subject];
    expect(membersOf(members)).toEqual(readingOf([subject]));
    members[0] = wholePool;
    expect(membersOf(members)).toEqual(readingOf([wholePool]));
    members.push("user:someone@example.com");
    expect(membersOf(members)).toEqual(readingOf([wholePool, "user:someone@example.com"]));
    members.splice(0, 1);
    expect(membersOf(members)).toEqual(readingOf(["user:someone@example.com"]));
  });
});
