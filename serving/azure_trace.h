// Reads an Azure LLM inference trace 2023 (Azure/AzurePublicDataset, CC-BY-4.0; Patel et al.,
// "Splitwise", ISCA 2024) as a request stream, one line at a time:
//
//   TIMESTAMP,ContextTokens,GeneratedTokens
//   2023-11-16 18:15:46.6805900,374,44       -> request 0: arrival 0 s, prompt 374, output 44
//   2023-11-16 18:15:50.9951690,396,109      -> request 1: arrival 4.314579 s, prompt 396, output 109
//
// Arrival = seconds since the first row's timestamp (azure_timestamp.h, exact to the
// nanosecond). The header must be exactly the three names above; each row has three fields.
// No prefix blocks (the trace has none). Errors (TraceError "file:line: ..."): a wrong header, a
// row with a missing or extra field, a bad timestamp or count, 0 tokens, a timestamp before the
// previous row's, no rows at all.
#pragma once

#include <optional>

#include "serving/azure_timestamp.h"
#include "serving/fields.h"
#include "serving/line_reader.h"
#include "serving/request.h"

namespace pjsim::serving {

class AzureTraceReader : public RequestSource {
 public:
  /// Reads and checks the header line at once.
  explicit AzureTraceReader(LineReader lines);
  std::optional<Request> next() override;

 private:
  LineReader lines_;
  RowChecks checks_;
  std::optional<AzureTimestamp> first_;
};

/// The header line of the format, for detection (trace_format.h).
constexpr const char* azure_header = "TIMESTAMP,ContextTokens,GeneratedTokens";

}  // namespace pjsim::serving
