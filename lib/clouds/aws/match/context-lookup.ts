// One condition key as the request context holds it (CLOUDS.md 2.4); a file
// of its own so the modules that fill the context need not import it back.

export type ContextLookup = {
  /** The key's values; undefined when the key is absent from the request. */
  values?: string[];
  /** Several values are possible (amr, or an aud array). */
  multiValued: boolean;
  /** Why the key is absent, or a caveat about its value. */
  note?: string;
  /** STS sets the key from the request itself, which Fedlens is not told: value unknown. */
  unknown?: boolean;
  /** With `unknown`: STS leaves the key out of some requests, so even its presence is unknown. */
  mayBeAbsent?: boolean;
};
