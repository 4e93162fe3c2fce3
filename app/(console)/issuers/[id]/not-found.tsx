import { EntryNotFound } from "@/components/catalog/entry-not-found";

export default function NotFound() {
  return <EntryNotFound noun="issuer" listHref="/issuers" listLabel="All issuers" />;
}
