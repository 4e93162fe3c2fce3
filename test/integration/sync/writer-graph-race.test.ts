// An app registration's credential made by someone else between the Azure
// writer's read (nothing there) and its create (Graph: name already taken).
// A create whose own answer was lost meets itself there and is adopted
// (azure-writer-reliability); a credential holding anything else is someone
// else's and is left exactly as they made it.
import { describe, expect, it } from "vitest";
import { CloudCallError } from "@/lib/clouds/adapter-types";
import type { TAzureBindingSpec } from "@/lib/clouds/azure/binding-spec";
import { createAzureWriter } from "@/lib/clouds/azure/adapter/writer";
import { appTarget, createChange } from "@/test/emulators/azure/writer-changes";
import {
  AUDIENCES,
  ISSUER,
  setUpAdapterFixture,
  TENANT,
} from "@/test/integration/clouds/azure/azure-adapter-fixture";

const fx = setUpAdapterFixture();
const writer = createAzureWriter({ sleep: () => Promise.resolve() });
const spec: TAzureBindingSpec = {
  cloud: "azure",
  name: "fl-race",
  issuer: ISSUER,
  audiences: AUDIENCES,
  subject: "repo:o/r:environment:prod",
};

describe("Azure writer: a create racing someone else's credential of the same name", () => {
  it("refuses, and leaves their credential as they made it", async () => {
    const appId = fx.emulator.graph.addApplication();
    const app = appTarget(fx.emulator, appId, TENANT);
    const post = fx.emulator.faults.hold({ method: "POST" });
    const applying = writer.applyChange(fx.connection(), app, createChange(app, spec)).then(
      () => undefined,
      (error: unknown) => error,
    );
    await post.reached;
    const theirs = fx.emulator.graph.seedFic(appId, {
      name: spec.name,
      properties: {
        issuer: ISSUER,
        audiences: AUDIENCES,
        subject: "repo:someone/else:environment:prod",
      },
    });
    post.release();

    const error = await applying;
    expect(error).toBeInstanceOf(CloudCallError);
    expect((error as CloudCallError).cloudError).toMatchObject({
      kind: "conflict",
      code: "FedlensChangedInCloud",
      cause: expect.stringContaining("changed in the cloud since the plan"),
    });
    const fics = [...fx.emulator.graph.application(appId)!.fics.values()];
    expect(fics).toEqual([theirs]);
  });
});
