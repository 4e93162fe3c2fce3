"use client";

import dynamic from "next/dynamic";
import { useEffect, useMemo, useRef, useState } from "react";
import { MapSidePanel } from "@/components/map/map-side-panel";
import { MapTable } from "@/components/map/map-table";
import { mapTableId } from "@/components/map/map-table-link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { collapseView } from "@/lib/trust-map/graph-view-collapse";
import { bindingPaths, neighbourhood } from "@/lib/trust-map/graph-view-focus";
import type { GraphView } from "@/lib/trust-map/graph-view-types";

// The drawing (xyflow, and elk in its worker) loads after the page, so its
// weight stays off the first load of this and every other page.
const MapCanvas = dynamic(
  () => import("@/components/map/map-canvas").then((mod) => mod.MapCanvas),
  {
    ssr: false,
    loading: () => (
      <p
        role="status"
        className="h-[65vh] min-h-96 rounded-lg border bg-card p-4 text-sm text-muted-foreground"
      >
        Loading the map…
      </p>
    ),
  },
);

type Selection = { node?: string; edge?: string };

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

function findNode(view: GraphView, query: string) {
  const wanted = query.trim().toLowerCase();
  if (!wanted) return undefined;
  return (
    view.nodes.find((node) => node.label.toLowerCase() === wanted) ??
    view.nodes.find(
      (node) =>
        node.label.toLowerCase().includes(wanted) || node.detail.toLowerCase().includes(wanted),
    )
  );
}

export function MapExplorer({
  view,
  focusBindings,
  isTableOpenAtFirst = false,
}: {
  view: GraphView;
  focusBindings: string[];
  /** Open the table from the start: asked for by a link to every trust as a list. */
  isTableOpenAtFirst?: boolean;
}) {
  const searchRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState("");
  const [hops, setHops] = useState(1);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [selection, setSelection] = useState<Selection>({});
  const [isTableOpen, setTableOpen] = useState(isTableOpenAtFirst);
  const highlighted = useMemo(() => new Set(focusBindings), [focusBindings]);

  const shown = useMemo(() => {
    if (focusId) return { ...neighbourhood(view, focusId, hops), isCollapsed: false };
    if (highlighted.size > 0) return { ...bindingPaths(view, highlighted), isCollapsed: false };
    return collapseView(view);
  }, [view, focusId, hops, highlighted]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "/" && !isTyping(event.target)) {
        event.preventDefault();
        searchRef.current?.focus();
      } else if (event.key === "Escape") {
        setQuery("");
        setFocusId(null);
        setSelection({});
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const match = findNode(view, query);
  const focused = focusId ? view.nodes.find((node) => node.id === focusId) : undefined;

  return (
    <div className="grid gap-4">
      <form
        role="search"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (match) {
            setFocusId(match.id);
            setSelection({ node: match.id });
          }
        }}
      >
        <div className="grid gap-1">
          <Label htmlFor="map-search">Find a node</Label>
          <Input
            id="map-search"
            ref={searchRef}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder="Name, subject or URL (press /)"
            aria-describedby="map-search-hint"
            className="w-72"
          />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="map-hops">Neighbourhood</Label>
          <Select
            id="map-hops"
            value={hops}
            onChange={(event) => setHops(Number(event.target.value))}
          >
            {[1, 2, 3].map((count) => (
              <option key={count} value={count}>
                {count === 1 ? "1 step" : `${count} steps`}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="outline">
          Focus
        </Button>
        {focusId ? (
          <Button variant="ghost" onClick={() => setFocusId(null)}>
            Show the whole map
          </Button>
        ) : null}
        <p id="map-search-hint" className="w-full text-xs text-muted-foreground" aria-live="polite">
          {focused
            ? `Showing ${focused.label} and what lies within ${hops} ${hops === 1 ? "step" : "steps"}. Esc shows everything.`
            : query && !match
              ? "No node matches."
              : "Press / to search, Enter to focus, Esc to clear."}
        </p>
      </form>
      {highlighted.size > 0 && !focusId ? (
        <p role="status" className="rounded-md border bg-muted px-3 py-2 text-sm">
          Showing the {highlighted.size === 1 ? "binding" : `${highlighted.size} bindings`} that
          accept the diagnosed token, drawn thicker.
        </p>
      ) : null}
      {shown.isCollapsed ? (
        <p className="text-sm text-muted-foreground">
          This estate is large, so workloads are grouped per issuer and targets per kind, with
          counts. Find a node to see its neighbourhood in full.
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
        <MapCanvas
          view={shown}
          selectedId={selection.node ?? null}
          highlightedBindings={highlighted}
          onSelect={setSelection}
        />
        <MapSidePanel view={shown} selection={selection} onClose={() => setSelection({})} />
      </div>
      <details
        id={mapTableId}
        open={isTableOpen}
        onToggle={(event) => setTableOpen(event.currentTarget.open)}
        className="grid gap-2"
      >
        <summary className="cursor-pointer text-sm font-medium">
          Who reaches what, as a table
        </summary>
        {isTableOpen ? <MapTable view={shown.isCollapsed ? view : shown} /> : null}
      </details>
    </div>
  );
}
