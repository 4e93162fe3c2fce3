import "server-only";
import { X509Certificate } from "node:crypto";
import { AppError } from "@/lib/errors";
import type { TCaCertificate } from "@/lib/schemas/connection";

// A connection's extra trust anchors for its endpoint overrides (an
// emulator's or a private cloud's CA). Every block must be a certificate
// Node can read; text between blocks is tolerated, as RFC 7468 §2 asks of
// parsers ("data before the encapsulation boundaries are permitted"). What
// is stored is the certificates re-encoded, so that text is dropped.

const maxCertificates = 50;
const block = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export type ParsedCaBundle = { pem: string; certificates: TCaCertificate[] };

function refuse(reason: string): AppError {
  return new AppError("validation_failed", {
    message: "The CA bundle cannot be used.",
    invalidParams: [{ name: "caBundle", reason }],
  });
}

function summary(certificate: X509Certificate): TCaCertificate {
  return {
    subject: certificate.subject.replaceAll("\n", ", "),
    issuer: certificate.issuer.replaceAll("\n", ", "),
    validFrom: new Date(certificate.validFrom).toISOString(),
    validTo: new Date(certificate.validTo).toISOString(),
    fingerprint256: certificate.fingerprint256,
  };
}

/** Parses every PEM block as an X.509 certificate; throws 422 on `caBundle` otherwise. */
export function parseCaBundle(text: string): ParsedCaBundle {
  const certificates: X509Certificate[] = [];
  for (const match of text.matchAll(block)) {
    const label = match[1] ?? "";
    const position = certificates.length + 1;
    if (label !== "CERTIFICATE") {
      throw refuse(
        /PRIVATE KEY/.test(label)
          ? "holds a private key: paste only the CA's certificates, never a key"
          : `holds a ${label.toLowerCase()} block: paste only certificates`,
      );
    }
    try {
      certificates.push(new X509Certificate(match[0]));
    } catch {
      throw refuse(`certificate ${position} cannot be read as an X.509 certificate`);
    }
  }
  if ((text.match(/-----BEGIN /g) ?? []).length !== certificates.length) {
    throw refuse("has a block without its matching END line");
  }
  if (certificates.length === 0) {
    throw refuse(
      "holds no certificate: paste PEM blocks starting with -----BEGIN CERTIFICATE-----",
    );
  }
  if (certificates.length > maxCertificates) {
    throw refuse(
      `holds ${certificates.length} certificates; at most ${maxCertificates} are accepted`,
    );
  }
  return {
    pem: certificates.map((certificate) => certificate.toString().trim()).join("\n") + "\n",
    certificates: certificates.map(summary),
  };
}

/** The summaries of a stored bundle, which parsed when it was saved. */
export function describeCaBundle(pem: string | null): TCaCertificate[] {
  if (!pem) return [];
  try {
    return parseCaBundle(pem).certificates;
  } catch {
    return [];
  }
}
