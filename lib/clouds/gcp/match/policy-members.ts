import { parseMember, type ParsedMember } from "@/lib/clouds/gcp/principals";
import { recentObjects } from "@/lib/recent-objects";

export type ReadMember = { member: string; parsed: ParsedMember | null };

// A prepared binding judges many tokens with one policy, so its members are
// read once, and the last few lists' readings kept (recent-objects.ts). The
// reading is compared with the members on each use: a list changed in place
// is read again.
const readMembers = recentObjects<readonly string[], ReadMember[]>(8);

/** The policy members with IAM's reading of each (principals.ts). */
export function membersOf(members: readonly string[]): ReadMember[] {
  const known = readMembers.get(members);
  if (known && known.length === members.length) {
    let index = 0;
    while (index < members.length && known[index]?.member === members[index]) index += 1;
    if (index === members.length) return known;
  }
  const read = members.map((member) => ({ member, parsed: parseMember(member) }));
  readMembers.set(members, read);
  return read;
}
