"use client";

import { useEffect, useRef, useState } from "react";
import type { LayoutAnswer, LayoutRequest } from "@/components/map/layout-protocol";
import type { GraphView } from "@/lib/trust-map/graph-view-types";

export const nodeSize = { width: 220, height: 56 };
const columnOf = { issuer: 0, workload: 1, open: 1, target: 2 } as const;

export type LayoutState =
  | { status: "laying-out" }
  | { status: "ready"; positions: Record<string, { x: number; y: number }> }
  | { status: "failed"; message: string };

/** Lays the graph out in a Web Worker; a new graph supersedes a layout in flight. */
export function useElkLayout(view: GraphView): LayoutState {
  const workerRef = useRef<Worker | null>(null);
  const requestRef = useRef(0);
  const [state, setState] = useState<LayoutState>({ status: "laying-out" });

  useEffect(() => {
    // The bundler sees this exact pattern and emits the worker as its own chunk.
    const worker = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
    workerRef.current = worker;
    return () => {
      worker.terminate();
      workerRef.current = null;
    };
  }, []);

  useEffect(() => {
    const worker = workerRef.current;
    if (!worker) return;
    requestRef.current += 1;
    const request = requestRef.current;
    setState({ status: "laying-out" });
    const onMessage = (event: MessageEvent<LayoutAnswer>) => {
      if (event.data.request !== request) return;
      setState(
        "positions" in event.data
          ? { status: "ready", positions: event.data.positions }
          : { status: "failed", message: event.data.error },
      );
    };
    const onError = () => setState({ status: "failed", message: "The layout worker stopped." });
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
    const message: LayoutRequest = {
      request,
      nodes: view.nodes.map((node) => ({ id: node.id, column: columnOf[node.kind], ...nodeSize })),
      edges: view.edges.map(({ id, source, target }) => ({ id, source, target })),
    };
    worker.postMessage(message);
    return () => {
      worker.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
    };
  }, [view]);

  return state;
}
