// Resolves conflicting Tailwind classes so that the later one wins (a
// caller's className over a primitive's variant), as `cn` promises. Written
// for the utilities this console uses instead of shipping tailwind-merge's
// full class table (~8 KB gzip) to every page (issue 11 §11). A class it does
// not recognise never conflicts: it is kept, as clsx alone would.

const keywordGroups: Record<string, string> = {
  display:
    "block inline-block inline flex inline-flex grid inline-grid hidden contents table flow-root list-item",
  position: "static fixed absolute relative sticky",
  visibility: "visible invisible collapse",
  "sr-only": "sr-only not-sr-only",
  "font-style": "italic not-italic",
  "text-transform": "uppercase lowercase capitalize normal-case",
  "text-decoration": "underline overline line-through no-underline",
  "flex-wrap": "flex-wrap flex-nowrap flex-wrap-reverse",
  "flex-direction": "flex-row flex-row-reverse flex-col flex-col-reverse",
  truncate: "truncate",
};
const keywordGroup = new Map(
  Object.entries(keywordGroups).flatMap(([group, words]) =>
    words.split(" ").map((word) => [word, group]),
  ),
);

// Longest first, so `min-w-0` is min-w and `justify-items-center` justify-items.
const prefixes = (
  "underline-offset pointer-events justify-items justify-self place-content place-items " +
  "place-self line-clamp overflow-x overflow-y grid-cols grid-rows col-span row-span col-start " +
  "col-end whitespace transition decoration inset-x inset-y space-x space-y tracking duration " +
  "leading overflow opacity content justify animate cursor gap-x gap-y min-w min-h max-w max-h " +
  "inset items order basis break select bottom right start shrink grow flex self size left top " +
  "end gap bg px py pt pr pb pl ps pe mx my mt mr mb ml ms me p m w h z"
)
  .split(" ")
  .sort((a, b) => b.length - a.length);

const textSize = /^text-(xs|sm|base|lg|\d?xl|\[\d.*(px|rem|em)\])$/;
const textAlign = /^text-(left|center|right|justify|start|end)$/;
const textWrap = /^text-(wrap|nowrap|balance|pretty|ellipsis|clip)$/;
const fontWeight = /^font-(thin|extralight|light|normal|medium|semibold|bold|extrabold|black)$/;
const borderWidth = /^border(-([xytrblse]))?(-\d+)?$/;
const borderStyle = /^border-(solid|dashed|dotted|double|hidden|none)$/;
const rounded =
  /^rounded(-(t|r|b|l|s|e|tl|tr|br|bl|ss|se|es|ee))?(-(none|xs|sm|md|lg|\d?xl|full|\[.*\]))?$/;
const sized = /^(shadow|ring|outline)(-(\d+|xs|sm|md|lg|\d?xl|none|inner))?$/;

/** The group a utility (variants stripped) belongs to; undefined when unknown. */
function groupOf(utility: string): string | undefined {
  const bare = utility.replace(/^-/, "");
  const keyword = keywordGroup.get(bare);
  if (keyword) return keyword;
  if (bare.startsWith("text-")) {
    if (textSize.test(bare)) return "text-size";
    if (textAlign.test(bare)) return "text-align";
    return textWrap.test(bare) ? "text-wrap" : "text-color";
  }
  if (bare.startsWith("font-")) return fontWeight.test(bare) ? "font-weight" : "font-family";
  const border = borderWidth.exec(bare);
  if (border) return `border-width${border[2] ? `-${border[2]}` : ""}`;
  if (borderStyle.test(bare)) return "border-style";
  const corner = rounded.exec(bare);
  if (corner) return `rounded${corner[2] ? `-${corner[2]}` : ""}`;
  const size = sized.exec(bare);
  if (size) return `${size[1]}-size`;
  for (const name of ["border", "ring", "outline", "shadow"]) {
    if (bare.startsWith(`${name}-`)) return `${name}-color`;
  }
  return prefixes.find((prefix) => bare === prefix || bare.startsWith(`${prefix}-`));
}

// A shorthand set later overrides its longhands set earlier (`p-0` after `px-4`).
const longhands: Record<string, readonly string[]> = {
  p: ["px", "py", "pt", "pr", "pb", "pl", "ps", "pe"],
  px: ["pl", "pr", "ps", "pe"],
  py: ["pt", "pb"],
  m: ["mx", "my", "mt", "mr", "mb", "ml", "ms", "me"],
  mx: ["ml", "mr", "ms", "me"],
  my: ["mt", "mb"],
  gap: ["gap-x", "gap-y"],
  size: ["w", "h"],
  inset: ["inset-x", "inset-y", "top", "right", "bottom", "left", "start", "end"],
  "inset-x": ["left", "right", "start", "end"],
  "inset-y": ["top", "bottom"],
  overflow: ["overflow-x", "overflow-y"],
  "border-width": "x y t r b l s e".split(" ").map((side) => `border-width-${side}`),
  rounded: "t r b l s e tl tr br bl ss se es ee".split(" ").map((corner) => `rounded-${corner}`),
};

/** Splits `md:hover:bg-muted` into its variants and utility, brackets kept whole. */
function splitVariants(token: string): { variants: string; utility: string } {
  let depth = 0;
  let cut = -1;
  for (let index = 0; index < token.length; index++) {
    const char = token[index];
    if (char === "[" || char === "(") depth++;
    else if (char === "]" || char === ")") depth--;
    else if (char === ":" && depth === 0) cut = index;
  }
  const utility = token.slice(cut + 1).replace(/^!|!$/g, "");
  const important = utility.length < token.length - cut - 1 ? "!" : "";
  return { variants: token.slice(0, cut + 1) + important, utility };
}

/** Drops every class that a later class with the same variants overrides. */
export function mergeClasses(classes: string): string {
  const tokens = classes.split(/\s+/).filter(Boolean);
  const claimed = new Set<string>();
  const kept: string[] = [];
  for (const token of tokens.reverse()) {
    const { variants, utility } = splitVariants(token);
    const group = groupOf(utility);
    const key = `${variants}${group ?? `=${utility}`}`;
    if (claimed.has(key)) continue;
    claimed.add(key);
    for (const longhand of (group && longhands[group]) ?? []) claimed.add(`${variants}${longhand}`);
    kept.push(token);
  }
  return kept.reverse().join(" ");
}
