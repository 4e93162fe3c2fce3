import type { TUser } from "@/lib/schemas/user";
import type { Role } from "@/lib/auth/roles";

export const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  passwordHash: true,
  version: true,
  createdAt: true,
  lastLoginAt: true,
} as const;

export type UserRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  passwordHash: string | null;
  version: number;
  createdAt: Date;
  lastLoginAt: Date | null;
};

export function toUserDto(row: UserRow): TUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabled,
    hasPassword: row.passwordHash !== null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}
