/** The error for a field, or for one of its items (`scope.subscriptionIds.0`). */
export function fieldError(errors: Record<string, string>, name: string): string | undefined {
  if (errors[name]) return errors[name];
  const item = Object.entries(errors).find(([key]) => key.startsWith(`${name}.`));
  return item
    ? `${item[0].slice(name.length + 1).replace(/^\d+$/, (n) => `item ${Number(n) + 1}`)}: ${item[1]}`
    : undefined;
}
