// rapport: one binary for the server and every operator command (see `rapport --help`).
#include <malloc.h>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  // glibc's allocator, left to itself, hands the heap's free top back to the kernel past 128 KiB
  // and maps large blocks one by one, so every request that builds a few hundred KiB of JSON
  // faults the same pages in again: at 100,000 tickets a page of the inbox served ~1,900
  // requests/s with the defaults and ~2,900 with these (bench/RESULTS.md, 2026-12-06). What is
  // kept is bounded by what was in use at the peak; RSS after the desk benchmark stayed ~43 MB.
  mallopt(M_MMAP_THRESHOLD, 8 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  return rapport::cli::RunCli(argc, argv);
}
