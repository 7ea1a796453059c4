// bench_tlog_bench: micro benchmark of the transparency-log library (src/disclosure/tlog_*).
// Measures, in one run: raw SHA-256 of 32-byte inputs (the baseline: everything the log does
// is a handful of SHA-256 calls), node hashing, leaf appends into a MemoryHashStore, and
// roots, inclusion proofs, consistency proofs and their verification on a tree of 10M leaves
// (about 20M stored hashes, ~640 MB; QL_TLOG_BENCH_LEAVES=N for a smaller tree). After the
// usual Google Benchmark table it prints each operation's cost in units of one 32-byte
// SHA-256 measured in the same run, which is what to compare between machines. The summary
// uses CPU time per operation: on a shared machine it varies far less than wall time.
//
// Usage: bench_tlog_bench [Google Benchmark flags, e.g. --benchmark_filter=Proof]
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/crypto.hpp"
#include "disclosure/tlog_tree.hpp"

namespace {

using namespace ql::tlog;

std::uint64_t big_tree_leaves() {
  const char* env = std::getenv("QL_TLOG_BENCH_LEAVES");
  return env ? std::strtoull(env, nullptr, 10) : 10'000'000;
}

// The big tree is built once, outside any measurement, on first use.
const MemoryHashStore& big_tree() {
  static const std::unique_ptr<MemoryHashStore> store = [] {
    auto s = std::make_unique<MemoryHashStore>();
    const std::uint64_t n = big_tree_leaves();
    const auto start = std::chrono::steady_clock::now();
    Hash h{};
    for (std::uint64_t i = 0; i < n; ++i) {
      // Distinct leaf hashes without paying for leaf hashing: the tree shape is what matters.
      h[0] = static_cast<std::uint8_t>(i);
      h[1] = static_cast<std::uint8_t>(i >> 8);
      h[2] = static_cast<std::uint8_t>(i >> 16);
      h[3] = static_cast<std::uint8_t>(i >> 24);
      s->append_leaf_hash(h);
    }
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "built a tree of %llu leaves (%llu stored hashes) in %.1f s\n",
                 static_cast<unsigned long long>(n),
                 static_cast<unsigned long long>(stored_hash_count(n)), secs);
    return s;
  }();
  return *store;
}

// Cheap deterministic spread of indexes over the tree (no RNG cost inside the loop).
std::uint64_t spread(std::uint64_t i, std::uint64_t n) {
  return (i * 0x9E3779B97F4A7C15ull >> 11) % n;
}

void BM_Sha256_32B(benchmark::State& state) {
  std::string input(32, 'q');
  for (auto _ : state) {
    auto h = ql::crypto::sha256(input);
    input[0] = static_cast<char>(h[0]);  // a dependency chain, so nothing is hoisted
    benchmark::DoNotOptimize(h);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 32);
}
BENCHMARK(BM_Sha256_32B);

void BM_NodeHash(benchmark::State& state) {
  Hash left = leaf_hash("l"), right = leaf_hash("r");
  for (auto _ : state) {
    left = node_hash(left, right);
    benchmark::DoNotOptimize(left);
  }
}
BENCHMARK(BM_NodeHash);

void BM_LeafHash_100B(benchmark::State& state) {
  const std::string entry(100, 'e');
  for (auto _ : state) benchmark::DoNotOptimize(leaf_hash(entry));
}
BENCHMARK(BM_LeafHash_100B);

// A full append: leaf hash of a 100-byte entry plus the stored hashes it completes.
void BM_Append_100B(benchmark::State& state) {
  MemoryHashStore store;
  std::string entry(100, 'e');
  for (auto _ : state) {
    entry[0] = static_cast<char>(store.size());
    benchmark::DoNotOptimize(store.append(entry));
  }
  state.counters["appends/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Append_100B);

void BM_TreeHash_Big(benchmark::State& state) {
  const auto& store = big_tree();
  std::uint64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(tree_hash(store.size() - spread(++i, 1000), store));
}
BENCHMARK(BM_TreeHash_Big);

void BM_InclusionProof_Big(benchmark::State& state) {
  const auto& store = big_tree();
  std::uint64_t i = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(inclusion_proof(spread(++i, store.size()), store.size(), store));
  state.counters["proofs/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_InclusionProof_Big);

void BM_VerifyInclusion_Big(benchmark::State& state) {
  const auto& store = big_tree();
  const std::uint64_t n = store.size();
  const Hash root = store.root();
  // Proofs prepared outside the loop; the leaf hash is read from the store like the proof.
  std::vector<std::pair<std::uint64_t, Proof>> proofs;
  for (std::uint64_t k = 1; k <= 64; ++k)
    proofs.emplace_back(spread(k, n), inclusion_proof(spread(k, n), n, store));
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& [index, proof] = proofs[i++ % proofs.size()];
    const NodeId leaf{0, index};
    const Hash h = store.read_hashes(std::span(&leaf, 1))[0];
    if (!verify_inclusion(h, index, n, proof, root)) state.SkipWithError("proof did not verify");
  }
}
BENCHMARK(BM_VerifyInclusion_Big);

void BM_ConsistencyProof_Big(benchmark::State& state) {
  const auto& store = big_tree();
  std::uint64_t i = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(
        consistency_proof(1 + spread(++i, store.size() - 1), store.size(), store));
}
BENCHMARK(BM_ConsistencyProof_Big);

// Keeps each benchmark's CPU time per iteration for the summary in SHA-256 units.
class CollectingReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs)
      if (r.run_type == Run::RT_Iteration && !r.error_occurred)
        ns_per_op[r.benchmark_name()] = r.GetAdjustedCPUTime() * multiplier(r.time_unit);
    ConsoleReporter::ReportRuns(runs);
  }
  std::map<std::string, double> ns_per_op;

 private:
  static double multiplier(benchmark::TimeUnit unit) {
    switch (unit) {
      case benchmark::kNanosecond:
        return 1;
      case benchmark::kMicrosecond:
        return 1e3;
      case benchmark::kMillisecond:
        return 1e6;
      case benchmark::kSecond:
        return 1e9;
    }
    return 1;
  }
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  CollectingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();

  const auto base = reporter.ns_per_op.find("BM_Sha256_32B");
  if (base == reporter.ns_per_op.end()) return 0;
  std::printf(
      "\nCPU cost in units of one SHA-256 of 32 bytes (%.1f ns in this run); \"Big\" = %llu "
      "leaves:\n\n",
      base->second, static_cast<unsigned long long>(big_tree_leaves()));
  std::printf(
      "| operation | CPU ns/op | ops/CPU-s | SHA-256(32 B) equivalents |\n|---|---:|---:|---:|\n");
  for (const auto& [name, ns] : reporter.ns_per_op)
    std::printf("| %s | %.1f | %.0f | %.2f |\n", name.c_str(), ns, 1e9 / ns, ns / base->second);
  return 0;
}
