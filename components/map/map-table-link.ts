// A link to the map with its table open: the one page that lists every trust,
// broken and undecided ones included, when a summary shows only some of them.

export const mapTableParam = "table";
export const mapTableId = "trusts-table";

/** The whole map, its table open and scrolled to. */
export const mapTableHref = `/map?${mapTableParam}=open#${mapTableId}`;
