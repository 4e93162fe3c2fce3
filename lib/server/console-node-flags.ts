// Node flags of the console's own process (`fedlens serve` forks it), which
// serves the pages and builds the trust map.
//
// Building the map of a large estate allocates fast and keeps ~5 kB per
// binding. With V8's default young generation (16 MB semi-spaces) a
// 100,000-binding build ran ~250 scavenges, and their cost per collection,
// not per byte kept, was a fifth of the build; 64 MB semi-spaces cut that to
// ~90 (figures in the trust map bench, which builds under these flags). The
// young generation grows to that size only while allocation is that heavy.
//
// The same build takes the old generation from ~30 MB to ~370 MB. From V8's
// small initial limit that starts a marking cycle midway, and while marking
// runs every write the build makes pays for it: a first build of 100,000
// bindings was ~10% slower (first builds in alternating fresh processes:
// faster in 8 of 9 pairs, means 3.9 s against 3.5 s). A 512 MB initial limit
// lets the build finish before the first cycle. It is a threshold, not memory
// taken: V8 still collects an idle process, and the heap's maximum (from the
// machine's memory, or --max-old-space-size) stays the hard cap.
export const consoleNodeFlags: readonly string[] = [
  "--max-semi-space-size=64",
  "--initial-old-space-size=512",
];
