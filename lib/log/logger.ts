import "server-only";
import type pino from "pino";
import { getEnv } from "@/lib/env";
import { sharedLogger } from "@/lib/log/create-logger";

export const logger: pino.Logger = sharedLogger(getEnv().LOG_LEVEL);
