/** Benchmarks: how fast the engine replays, dispatches and ingests, and how good the starter rules' decisions are. */
package dev.tenure.bench;
