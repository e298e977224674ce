#include "bench/bench_points.h"

namespace pjsim::bench {

namespace {

const std::string kBigHbm = "arch.chip.hbm.capacity=192 GiB";  // an Ironwood-sized HBM, for what does not fit 32 GiB
const std::vector<std::string> kTorus64 = {"arch.topology.kind=torus3d", "arch.topology.dims=[4, 4, 4]"};

std::vector<std::string> join(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::string context_label(unsigned long tokens) {
  return tokens >= 1048576 ? std::to_string(tokens / 1048576) + "M" : std::to_string(tokens / 1024) + "k";
}

}  // namespace

const BenchPoint& startup_point() {
  static const BenchPoint p = {"start-up: one 128x128x128 gemm",
                               {"workload.model=gemm", "workload.gemm.m=128", "workload.gemm.k=128", "workload.gemm.n=128"}};
  return p;
}

const std::vector<BenchPoint>& named_points() {
  static const std::vector<BenchPoint> all = {
      {"Llama-3-8B decode, batch 1, ctx 2048, 1 chip", {"workload.batch=1"}},
      // 256 sequences of 2048 positions are 64 GiB of KV: 512 positions (16 GiB) fit beside the weights.
      {"Llama-3-8B decode, batch 256, ctx 512, 1 chip", {"workload.batch=256", "workload.context_tokens=512"}},
      // 141 GB of bf16 weights over 64 chips: tensor over the 16 chips of an xy-plane, 4 pipeline stages along z.
      {"Llama-3-70B prefill 8k, 4x4x4 torus, tensor [x,y] pipeline [z]",
       join({"workload.model=llama-3-70b", "workload.phase=prefill", "workload.prompt_tokens=8192", "workload.batch=1",
             "workload.mapping.tensor=[x, y]", "workload.mapping.pipeline=[z]"},
            kTorus64)},
      {"Mixtral-8x7B decode, batch 64, ctx 1024, expert [x] on 8 chips",
       {"workload.model=mixtral-8x7b", "workload.batch=64", "workload.context_tokens=1024", "arch.topology.dims=[8, 1]",
        "workload.mapping.expert=[x]"}},
      // 1M positions of Llama-3-8B KV are 128 GiB: 2 GiB per chip beside its replica of the weights.
      {"Llama-3-8B decode, batch 1, ctx 1M, 64 chips, context [x,y,z]",
       join({"workload.batch=1", "workload.context_tokens=1048576", "workload.mapping.context=[x, y, z]"}, kTorus64)},
      // Reference points: the default point, the golden 70B prefill on one chip, a 64-chip tensor-parallel decode.
      {"default: Llama-3-8B decode, batch 16, ctx 2048, 1 chip", {}},
      {"Llama-3-70B prefill 8k, 1 chip (192 GiB HBM)",
       {"workload.model=llama-3-70b", "workload.phase=prefill", "workload.prompt_tokens=8192", "workload.batch=1",
        kBigHbm}},
      {"Llama-3-70B decode, batch 8, ctx 1024, 4x4x4 torus, tensor [x,y,z]",
       join({"workload.model=llama-3-70b", "workload.batch=8", "workload.context_tokens=1024",
             "workload.mapping.tensor=[x, y, z]"},
            kTorus64)},
      // Issue 13: tokens through pipeline stages in micro-batches, and the 2D weight-stationary layout.
      {"Llama-3-70B decode, batch 16, 4 steps, 4x4x4 torus, tensor [x,y] pipeline [z], 4 micro-batches",
       join({"workload.model=llama-3-70b", "workload.batch=16", "workload.context_tokens=1024", "workload.steps=4",
             "workload.mapping.tensor=[x, y]", "workload.mapping.pipeline=[z]", "workload.mapping.microbatches=4"},
            kTorus64)},
      {"Llama-3-70B prefill 2k, batch 4, 4x4x4 torus, 2D: hidden [x] tensor [y,z]",
       join({"workload.model=llama-3-70b", "workload.phase=prefill", "workload.prompt_tokens=2048", "workload.batch=4",
             "workload.mapping.hidden=[x]", "workload.mapping.tensor=[y, z]"},
            kTorus64)},
  };
  return all;
}

const std::vector<BenchSeries>& scaling_series() {
  static const std::vector<BenchSeries> all = [] {
    std::vector<BenchSeries> s;

    // Series on one chip simulate 16 decode steps, so that the simulation outweighs the fixed cost of a run.
    const std::string steps = "workload.steps=16";
    BenchSeries layers{"layers", "layers", "Llama-3-8B shape, decode, batch 16, ctx 2048, 16 steps, 1 chip (192 GiB HBM)", {}};
    for (int n : {4, 8, 16, 32, 64, 128})
      layers.points.push_back({std::to_string(n), {"workload.model.num_hidden_layers=" + std::to_string(n), steps, kBigHbm}});
    s.push_back(layers);

    BenchSeries chips{"chips", "chips", "Llama-3-70B decode, batch 8, ctx 1024, tensor parallel over every axis (192 GiB HBM)", {}};
    const std::vector<std::string> base = {"workload.model=llama-3-70b", "workload.batch=8", "workload.context_tokens=1024",
                                           kBigHbm};
    chips.points.push_back({"1", base});
    chips.points.push_back(
        {"4", join(base, {"arch.topology.kind=torus2d", "arch.topology.dims=[2, 2]", "workload.mapping.tensor=[x, y]"})});
    chips.points.push_back(
        {"16", join(base, {"arch.topology.kind=torus2d", "arch.topology.dims=[4, 4]", "workload.mapping.tensor=[x, y]"})});
    chips.points.push_back({"64", join(join(base, kTorus64), {"workload.mapping.tensor=[x, y, z]"})});
    s.push_back(chips);

    BenchSeries context64{"context, 64 chips", "context",
                          "Llama-3-8B decode, batch 1, 4x4x4 torus, context [x,y,z]", {}};
    BenchSeries context1{"context, 1 chip", "context", "Llama-3-8B decode, batch 1, 16 steps, 1 chip (192 GiB HBM)", {}};
    for (unsigned long c : {1024ul, 4096ul, 16384ul, 65536ul, 262144ul, 1048576ul}) {
      const std::string ctx = "workload.context_tokens=" + std::to_string(c);
      context64.points.push_back(
          {context_label(c), join({"workload.batch=1", ctx, "workload.mapping.context=[x, y, z]"}, kTorus64)});
      context1.points.push_back({context_label(c), {"workload.batch=1", ctx, steps, kBigHbm}});
    }
    s.push_back(context1);
    s.push_back(context64);

    // Control: the same tiles and transfers, slower HBM: simulated cycles grow 100x, events do not.
    BenchSeries cycles{"cycles", "HBM bandwidth", "Llama-3-8B decode, batch 16, ctx 2048, 16 steps, 1 chip", {}};
    for (const char* bw : {"1200 GB/s", "120 GB/s", "12 GB/s"})
      cycles.points.push_back({bw, {std::string("arch.chip.hbm.bandwidth=") + bw, steps}});
    s.push_back(cycles);
    return s;
  }();
  return all;
}

}  // namespace pjsim::bench
