// Node flags of the console's own process (`fedlens serve` forks it), which
// serves the pages and builds the trust map.
//
// Building the map of a large estate allocates fast and keeps ~5 kB per
// binding. With V8's default young generation (16 MB semi-spaces) a
// 100,000-binding build ran ~250 scavenges, and their cost per collection,
// not per byte kept, was a fifth of the build; 64 MB semi-spaces cut that to
// ~90 (figures in the trust map bench, which builds under these flags). The
// young generation grows to that size only while allocation is that heavy.
export const consoleNodeFlags: readonly string[] = ["--max-semi-space-size=64"];
