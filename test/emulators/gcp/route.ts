import type { IncomingMessage } from "node:http";
import type { GcpState } from "./state";

export type RouteResult = { status: number; body: unknown };
export type RouteContext = {
  state: GcpState;
  /** Caps every list's page size, so tests can make paging happen with few objects. */
  maxPageSize: number;
  /** The token endpoint's own URL: the `aud` a key's assertion must carry. */
  tokenUrl: string;
};
/** A matched request: what it needs (for 403 faults) and how to answer it. */
export type Route = {
  permission: string;
  resource: string;
  service: string;
  run: (req: IncomingMessage, url: URL) => Promise<RouteResult>;
};
export type Router = (method: string, path: string, ctx: RouteContext) => Route | undefined;

export const ok = (body: unknown): RouteResult => ({ status: 200, body });
