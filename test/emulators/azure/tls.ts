import { generate } from "selfsigned";

export type EmulatorTls = { ca: string; key: string; cert: string };

// A CA made per run, and a loopback server certificate it signs. Clients trust
// the CA through their TLS options; verification is never turned off (the Azure
// SDK refuses to send a bearer token over plain http).
export async function createEmulatorTls(): Promise<EmulatorTls> {
  const notAfterDate = new Date(Date.now() + 24 * 3600 * 1000);
  // A name of its own per run: clients that trust two emulators' CAs pick the issuer by name.
  const caName = `Fedlens emulator CA ${crypto.randomUUID().slice(0, 8)}`;
  const ca = await generate([{ name: "commonName", value: caName }], {
    keySize: 2048,
    algorithm: "sha256",
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
        ],
      },
    ],
  });
  return { ca: ca.cert, key: server.private, cert: server.cert };
}
