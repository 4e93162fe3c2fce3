// A link to the map with its table open: the one page that lists every trust,
// here narrowed to the broken and undecided ones a summary shows only some of.

export const mapTableParam = "table";
export const mapTableId = "trusts-table";

/** The trust filter's value for the trusts that need attention. */
export const attentionKinds = "broken,undecided";

/** The map of broken and undecided trusts, its table open and scrolled to. */
export const attentionTableHref = `/map?trust=${attentionKinds}&${mapTableParam}=open#${mapTableId}`;
