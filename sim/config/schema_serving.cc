// The `serving:` keys of a design point: what `pjsim serve` replays (a trace or a generator,
// sliced and scaled), the batching policy, the paged KV cache, SLOs and how step costs are
// obtained (docs/serving.md). `pjsim run` does not use them; they are not part of a run's
// report config or config_hash.
#include "sim/config/schema_rows.h"

namespace pjsim::sim {

namespace {

// Serving times run from milliseconds (SLOs) to days (a trace window): up to 10^7 s.
SchemaRow time_row(std::string path, Presence presence, std::string def, bool positive, std::string doc) {
  SchemaRow r = quantity_row(std::move(path), UnitKind::time, presence, std::move(def), positive, std::move(doc));
  r.max = 1e7;
  return r;
}

void add_length_rows(std::vector<SchemaRow>& s, const std::string& p, const char* what, const char* mean,
                     const char* sigma) {
  using P = Presence;
  s.push_back(choice_row(p + "distribution", "lognormal", {"fixed", "uniform", "lognormal", "trace"},
                         std::string(what) + " lengths: fixed, uniform [min, max], lognormal (mean, sigma of ln) or drawn from a trace's rows"));
  s.push_back(int_row(p + "tokens", P::defaulted, "128", 1, 16777216, "fixed: every length"));
  s.push_back(int_row(p + "min", P::defaulted, "1", 1, 16777216, "uniform: smallest length"));
  s.push_back(int_row(p + "max", P::defaulted, "0", 0, 16777216, "uniform: largest length; lognormal, trace: clamp (0 = none)"));
  s.push_back(number_row(p + "mean", P::defaulted, mean, 1e-9, 1e9, "lognormal: mean length in tokens"));
  s.push_back(number_row(p + "sigma", P::defaulted, sigma, 0, 10, "lognormal: standard deviation of ln(length)"));
  s.push_back(text_row(p + "trace", "trace: the file whose rows are drawn (prompt and output of the same row); relative to the YAML file"));
}

void add_request_rows(std::vector<SchemaRow>& s) {
  using P = Presence;
  const std::string r = "serving.requests.";
  s.push_back(choice_row(r + "source", "generator", {"trace", "generator"}, "replay a trace file or generate a stream"));
  s.push_back(text_row(r + "trace", "trace: the request trace file (Azure 2023 CSV, Mooncake JSONL, plain CSV/JSONL); relative to the YAML file"));
  s.push_back(choice_row(r + "format", "auto", {"auto", "azure", "mooncake", "csv", "jsonl"}, "trace format (auto: by extension and first line)"));
  s.push_back(int_row(r + "prefix_block_tokens", P::defaulted, "512", 1, 1048576, "tokens per prefix block of plain CSV/JSONL rows (Mooncake: 512)"));
  s.push_back(int_row(r + "first", P::optional, "", 1, 1e12, "keep the first N requests (after the window)"));
  s.push_back(time_row(r + "start", P::optional, "", false, "keep arrivals from this time on (re-based to 0)"));
  s.push_back(time_row(r + "end", P::optional, "", true, "keep arrivals before this time"));
  s.push_back(number_row(r + "rate_scale", P::defaulted, "1", 1e-9, 1e9, "multiply the arrival rate (divide arrival times)"));
  s.push_back(choice_row(r + "arrival", "poisson", {"poisson", "gamma"}, "generator: Poisson arrivals, or gamma gaps with coefficient of variation `cv` (bursty)"));
  s.push_back(number_row(r + "rate", P::defaulted, "2", 1e-9, 1e9, "generator: requests per second"));
  s.push_back(number_row(r + "cv", P::defaulted, "1", 1e-9, 100, "generator, gamma: coefficient of variation of the gaps (1 = Poisson)"));
  s.push_back(int_row(r + "count", P::optional, "", 1, 1e9, "generator: requests (default 200 when no duration is set)"));
  s.push_back(time_row(r + "duration", P::optional, "", true, "generator: arrivals before this time"));
  add_length_rows(s, r + "prompt.", "prompt", "1000", "1");
  add_length_rows(s, r + "output.", "output", "200", "1");
  s.push_back(int_row(r + "prefix.groups", P::defaulted, "0", 0, 1e9, "generator: groups sharing a prompt prefix (0 = none)"));
  s.push_back(int_row(r + "prefix.blocks", P::defaulted, "0", 0, 1e9, "generator: blocks of each group's shared prefix"));
  s.push_back(int_row(r + "prefix.block_tokens", P::defaulted, "512", 1, 1048576, "generator: tokens per prefix block"));
  s.push_back(int_row(r + "seed", P::defaulted, "1", 0, 1e18, "generator: random seed (same seed, same stream)"));
}

}  // namespace

void add_serving_rows(std::vector<SchemaRow>& s) {
  using P = Presence;
  add_request_rows(s);
  s.push_back(choice_row("serving.batching", "continuous", {"continuous", "static"}, "continuous (iteration-level) or static batching"));
  s.push_back(int_row("serving.max_num_seqs", P::defaulted, "256", 1, 1048576, "continuous: sequences in the running batch at most (vLLM default 256)"));
  s.push_back(int_row("serving.max_num_batched_tokens", P::defaulted, "8192", 1, 16777216, "continuous: new tokens per step at most (vLLM default 8192 with chunked prefill)"));
  s.push_back(bool_row("serving.chunked_prefill", "true", "continuous: a prompt may be split over steps and mixed with decodes"));
  s.push_back(choice_row("serving.priority", "decode_first", {"decode_first", "prefill_first"}, "continuous: which work fills a step's token budget first"));
  s.push_back(int_row("serving.batch_size", P::defaulted, "8", 1, 1048576, "static: requests per batch"));
  s.push_back(time_row("serving.batch_timeout", P::defaulted, "0 s", false, "static: a partial batch starts this long after its first request"));
  s.push_back(int_row("serving.kv.block_tokens", P::defaulted, "16", 1, 1048576, "KV positions per paged block (vLLM default 16)"));
  s.push_back(quantity_row("serving.kv.reserved", UnitKind::bytes, P::defaulted, "1 GiB", false, "HBM per chip kept for activations and buffers, not KV (an estimate)"));
  s.push_back(int_row("serving.kv.dense_attention", P::defaulted, "0", 0, 16777216, "0: decode attention reads each sequence's own positions (paged); N: every decode reads a dense slot of N positions under a mask (fixed-shape caches, e.g. JetStream's)"));
  s.push_back(bool_row("serving.kv.prefix_caching", "false", "reuse cached prompt prefixes (trace prefix blocks; LRU eviction)"));
  s.push_back(choice_row("serving.kv.preemption", "recompute", {"recompute", "swap"}, "a preempted request recomputes its KV, or swaps it over the host link"));
  s.push_back(quantity_row("serving.kv.swap_bandwidth", UnitKind::bandwidth, P::defaulted, "32 GB/s", true, "swap: host link bandwidth (PCIe 4.0 x16, 32 GB/s per direction)"));
  s.push_back(quantity_row("serving.kv.swap_energy", UnitKind::energy_per_bit, P::defaulted, "10 pJ/bit", false, "swap: host link energy per bit, end to end (an estimate: PCIe PHY ~5 pJ/b plus host DRAM)"));
  s.push_back(time_row("serving.slo.ttft", P::defaulted, "1 s", true, "time-to-first-token objective (goodput)"));
  s.push_back(time_row("serving.slo.tpot", P::defaulted, "100 ms", true, "time-per-output-token objective (goodput)"));
  s.push_back(time_row("serving.interval", P::optional, "", true, "time-series interval (unset: automatic, at most 2048 bins)"));
  s.push_back(choice_row("serving.costs", "bucketed", {"bucketed", "exact"}, "step costs interpolated between simulated grid steps, or every distinct step simulated (--exact)"));
  s.push_back(bool_row("serving.step_of_replay", "false", "set by `pjsim serve` on the steps it simulates: their KV fits by the replay's paged cache, not per step"));
}

}  // namespace pjsim::sim
