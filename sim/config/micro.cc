#include "sim/config/micro.h"

#include "sim/config/errors.h"

namespace pjsim::sim {

bool is_micro_model(const Values& v) {
  const std::string& type = v.at("workload.model.model_type").text;
  return type == "gemm" || type == "access";
}

void build_micro(const Values& v, workloads::WorkloadSpec& w) {
  const std::string& type = v.at("workload.model.model_type").text;
  for (const char* d : {"m", "k", "n"}) {
    const std::string key = std::string("workload.gemm.") + d;
    const Value& value = v.at(key);
    if (type == "gemm" && !value.present) fail_at(value.where, key, "required with workload.model: gemm");
    if (type != "gemm" && value.present)
      fail_at(value.where, key, "only read with workload.model: gemm (the model here is '" +
                                    (v.at("workload.model.base").present ? v.at("workload.model.base").text : type) + "')");
  }
  if (!is_micro_model(v)) return;
  w.model = workloads::ModelShape{};
  w.model.name = type;
  w.model.model_type = type;
  w.model.num_hidden_layers = 1;  // one pipeline stage holds the op; no layer has weights (all widths 0)
  if (type == "gemm") {
    w.micro.kind = workloads::MicroKind::gemm;
    w.micro.m = v.at("workload.gemm.m").integer;
    w.micro.k = v.at("workload.gemm.k").integer;
    w.micro.n = v.at("workload.gemm.n").integer;
    w.micro.operands_in_sram = v.at("workload.gemm.operands_in_sram").flag;
    w.placement.weights = w.micro.operands_in_sram ? workloads::Residence::sram : workloads::Residence::hbm;
    return;
  }
  w.micro.kind = workloads::MicroKind::access;
  w.micro.tier = v.at("workload.access.tier").text == "hbm" ? workloads::AccessTier::hbm : workloads::AccessTier::sram;
  const Value& bits = v.at("workload.access.bits");
  if (bits.integer % 8 != 0) fail_at(bits.where, "workload.access.bits", "a multiple of 8 (int8 elements), got " + std::to_string(bits.integer));
  w.micro.bits = bits.integer;
}

}  // namespace pjsim::sim
