"use client";

import dynamic from "next/dynamic";
import { LoadingPlaceholder } from "@/components/ui/skeleton";

// The admin panels read and write through React Query: loaded, with it, once
// the page is interactive rather than in its first load (issue 11 §11). They
// fetch their data in the browser anyway, so nothing is lost by not
// rendering them on the server.

const withQueries = () => import("@/components/providers/query-island").then((m) => m.withQueries);

export const UsersPanel = dynamic(
  async () => (await withQueries())((await import("@/components/admin/users-panel")).UsersPanel),
  { ssr: false, loading: () => <LoadingPlaceholder what="the users" /> },
);

export const AddUserForm = dynamic(
  async () => (await withQueries())((await import("@/components/admin/add-user-form")).AddUserForm),
  { ssr: false, loading: () => <LoadingPlaceholder what="the form" /> },
);

export const TokensPanel = dynamic(
  async () => (await withQueries())((await import("@/components/admin/tokens-panel")).TokensPanel),
  { ssr: false, loading: () => <LoadingPlaceholder what="the API tokens" /> },
);

export const CreateTokenForm = dynamic(
  async () =>
    (await withQueries())((await import("@/components/admin/create-token-form")).CreateTokenForm),
  { ssr: false, loading: () => <LoadingPlaceholder what="the form" /> },
);
