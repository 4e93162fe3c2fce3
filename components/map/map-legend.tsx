import { cloudColours, cloudNames, edgeKindInfo } from "@/components/map/edge-style";

const kinds = ["effective", "broken", "undecided", "open"] as const;

function Line({ dash, colour, width }: { dash?: string; colour: string; width: number }) {
  return (
    <svg width="44" height="10" aria-hidden="true" className="shrink-0">
      <line
        x1="2"
        y1="5"
        x2="42"
        y2="5"
        stroke={colour}
        strokeWidth={width}
        strokeDasharray={dash}
      />
    </svg>
  );
}

/** What each line style and colour means. */
export function MapLegend() {
  return (
    <section
      aria-labelledby="map-legend-title"
      className="grid gap-2 rounded-lg border bg-card p-3 text-xs"
    >
      <h2 id="map-legend-title" className="font-semibold">
        Legend
      </h2>
      <ul className="grid gap-1">
        {kinds.map((kind) => (
          <li key={kind} className="flex items-center gap-2">
            <Line
              dash={edgeKindInfo[kind].dash}
              colour="#374151"
              width={edgeKindInfo[kind].width}
            />
            <span>
              <strong className="font-medium">{edgeKindInfo[kind].label}</strong>:{" "}
              {edgeKindInfo[kind].describe}
            </span>
          </li>
        ))}
      </ul>
      <ul className="flex flex-wrap gap-3">
        {(Object.keys(cloudColours) as (keyof typeof cloudColours)[]).map((cloud) => (
          <li key={cloud} className="flex items-center gap-1">
            <Line colour={cloudColours[cloud]} width={3} />
            {cloudNames[cloud]}
          </li>
        ))}
      </ul>
    </section>
  );
}
