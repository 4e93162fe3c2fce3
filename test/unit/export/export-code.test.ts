import { describe, expect, it } from "vitest";
import { gcloudDict, gcloudList } from "@/lib/clouds/gcp/gcloud-args";
import { AppError } from "@/lib/errors";
import { exportFilename, exportFormatsFor, renderExport } from "@/lib/sync/export/export-code";
import { UnquotableValueError } from "@/lib/sync/export/shell";
import { awsConfig, awsSpecs, sourceFor } from "./export-fixtures";

describe("export formats", () => {
  it("are Terraform and the cloud's own CLI", () => {
    expect(exportFormatsFor("azure")).toEqual(["terraform", "az"]);
    expect(exportFormatsFor("aws")).toEqual(["terraform", "aws"]);
    expect(exportFormatsFor("gcp")).toEqual(["terraform", "gcloud"]);
  });

  it("refuses another cloud's CLI, naming the formats that apply", () => {
    const source = sourceFor({
      cloud: "aws",
      kind: "aws-role",
      config: awsConfig,
      specs: awsSpecs,
    });
    const attempt = () => renderExport({ cloud: "aws", format: "gcloud", source });
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow("AWS exports as terraform or aws: choose one of those formats.");
  });

  it("name files with safe characters only", () => {
    expect(exportFilename("Prod deploy (EU)", "terraform")).toBe("prod-deploy-eu.tf");
    expect(exportFilename('"; rm -rf /\n', "az")).toBe("rm-rf-az.sh");
    expect(exportFilename("\u202e", "gcloud")).toBe("fedlens-export-gcloud.sh");
  });
});

describe("gcloud list and dictionary flags", () => {
  it("keep the default comma when no item holds one", () => {
    expect(gcloudList(["a", "b"])).toBe("a,b");
    expect(gcloudDict({ "google.subject": "assertion.sub" })).toBe("google.subject=assertion.sub");
  });

  it("name another delimiter when an item holds a comma, or the value starts with ^", () => {
    expect(gcloudList(["a,b", "c"])).toBe("^;^a,b;c");
    expect(gcloudList(["^x"])).toBe("^,^^x");
  });

  it("refuse values that hold every delimiter", () => {
    expect(() => gcloudList([",;|~#!&+*"])).toThrow(UnquotableValueError);
  });
});
