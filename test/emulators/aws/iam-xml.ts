// The IAM Query API answers in XML: <{Action}Response><{Action}Result>…</…>
// plus <ResponseMetadata><RequestId>. Lists are <member> elements.
// https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html (response shape)
// STS answers the same shapes under its own namespace.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html (response sample)
export const IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
export const STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";

export type XmlValue = string | number | boolean | XmlNode | XmlValue[] | undefined;
export type XmlNode = { [name: string]: XmlValue };

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function render(value: XmlValue): string {
  if (value === undefined) return "";
  if (Array.isArray(value)) return value.map((item) => `<member>${render(item)}</member>`).join("");
  if (typeof value === "object") {
    return Object.entries(value)
      .filter(([, child]) => child !== undefined)
      .map(([name, child]) => `<${name}>${render(child)}</${name}>`)
      .join("");
  }
  return escapeXml(String(value));
}

export function successXml(
  action: string,
  requestId: string,
  result?: XmlNode,
  ns = IAM_NS,
): string {
  const body = result ? `<${action}Result>${render(result)}</${action}Result>` : "";
  return (
    `<${action}Response xmlns="${ns}">${body}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

export function errorXml(code: string, message: string, requestId: string, ns = IAM_NS): string {
  return (
    `<ErrorResponse xmlns="${ns}"><Error><Type>Sender</Type><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
