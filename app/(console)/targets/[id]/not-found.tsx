import { EntryNotFound } from "@/components/catalog/entry-not-found";

export default function NotFound() {
  return <EntryNotFound noun="target" listHref="/targets" listLabel="All cloud targets" />;
}
