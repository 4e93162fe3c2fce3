import { EntryNotFound } from "@/components/catalog/entry-not-found";

export default function NotFound() {
  return <EntryNotFound noun="workload" listHref="/workloads" listLabel="All workloads" />;
}
