import "server-only";
import { callerBudget } from "@/lib/diagnose/diagnose-rate-limit";

// Each exchange asks a cloud's token service for a real credential: a small
// per-caller budget keeps Fedlens from looking like a credential-stuffing
// client to the clouds (SECURITY.md 3.6).
export const exchangeRateRule = { limit: 10, windowSeconds: 60 };

export const assertExchangeAllowed = callerBudget("exchange", exchangeRateRule, "exchanges");
