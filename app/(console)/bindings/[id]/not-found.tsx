import { EntryNotFound } from "@/components/catalog/entry-not-found";

export default function NotFound() {
  return <EntryNotFound noun="binding" listHref="/bindings" listLabel="All bindings" />;
}
