import { EntryNotFound } from "@/components/catalog/entry-not-found";

export default function NotFound() {
  return (
    <EntryNotFound noun="connection" listHref="/settings/connections" listLabel="All connections" />
  );
}
