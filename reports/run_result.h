// Everything a finished run hands to the report writers. Plain data: no SystemC, no YAML.
//
// Example: the default point gives seconds ~ 0.017, tokens_generated = 16, a ledger of a few
// thousand tagged counts, and the technology that prices them.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "models/ledger.h"
#include "models/technology.h"

namespace pjsim::reports {

inline constexpr const char* kSchemaVersion = "1.0";

struct RunResult {
  std::string name;
  nlohmann::json config;        ///< fully resolved design point
  std::string config_hash;
  std::string phase;            ///< "prefill" or "decode"
  double seconds = 0;           ///< simulated time, from sc_time_stamp()
  std::uint64_t cycles = 0;     ///< seconds x chip frequency, rounded
  double frequency_hz = 0;
  std::uint64_t tokens_generated = 0;  ///< decode: batch x steps; prefill: batch (one next token each)
  std::uint64_t tokens_processed = 0;  ///< tokens whose activations went through the model
  double static_power_w = 0;
  std::uint64_t chips = 1;
  std::uint64_t cores_per_chip = 1;
  models::Ledger ledger;
  models::Technology technology;
  /// Busy seconds of each resource kind ("matrix", "vector", "hbm", "sram", "dma", "noc") summed over instances,
  /// with how many instances there are, for utilisation = busy / (instances x seconds).
  std::map<std::string, std::pair<double, std::uint64_t>> busy;
  std::uint64_t sim_events = 0; ///< transactions and waits issued to the SystemC kernel (deterministic)
};

}  // namespace pjsim::reports
