/** A UTC timestamp rendered the same on server and client (no hydration drift). */
export function Timestamp({ iso, className }: { iso: string; className?: string }) {
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
  return (
    <time dateTime={iso} className={className}>
      {text}
    </time>
  );
}
