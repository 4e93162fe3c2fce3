import { z } from "zod";
import { ZAwsAccountId } from "@/lib/clouds/aws/ids";

// What an AWS connection reaches: one account, the region its STS calls use
// (IAM itself is global), and optionally a role Fedlens assumes first.

// Region names as AWS lists them (us-east-1, eu-central-2, us-gov-west-1, cn-north-1).
export const awsRegionPattern = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export const ZAwsConnectionScope = z
  .object({
    accountId: ZAwsAccountId,
    region: z.string().trim().regex(awsRegionPattern, "must be a region name such as us-east-1"),
    roleArn: z
      .string()
      .trim()
      .regex(
        /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
        "must be a role ARN such as arn:aws:iam::123456789012:role/fedlens-reader",
      )
      .optional(),
  })
  .strict();
export type TAwsConnectionScope = z.infer<typeof ZAwsConnectionScope>;
