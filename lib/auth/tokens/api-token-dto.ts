import type { Role } from "@/lib/auth/roles";
import type { TApiToken } from "@/lib/schemas/api-token";

export const apiTokenSelect = {
  id: true,
  name: true,
  tokenPrefix: true,
  role: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  expiresAt: true,
  createdBy: { select: { email: true } },
} as const;

export type ApiTokenRow = {
  id: string;
  name: string;
  tokenPrefix: string;
  role: Role;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
  createdBy: { email: string };
};

export function toApiTokenDto(row: ApiTokenRow): TApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.tokenPrefix,
    role: row.role,
    createdBy: row.createdBy.email,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}
