// The messages between the map and its layout worker: boxes and links in,
// top-left positions out, tagged with a request number so a late answer to
// an older graph is ignored.

export type LayoutRequest = {
  request: number;
  nodes: { id: string; column: number; width: number; height: number }[];
  edges: { id: string; source: string; target: string }[];
};

export type LayoutAnswer =
  | { request: number; positions: Record<string, { x: number; y: number }> }
  | { request: number; error: string };
