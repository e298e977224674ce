// Temporary folders and files for the study tests (sweep, compare, diff, reprice, HTML).
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace pjsim::testing {

/// A fresh folder under the system temporary directory, removed when the object goes away.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "pjsim-study-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

/// 3 batches x 2 weight precisions = 6 fast points (the sharded and Slurm sweep tests).
inline const char* const kTinySixPointStudy = R"(study: tiny6
description: "tiny-llama batch x weights"
base: default
set: {workload.model: tiny-llama, workload.context_tokens: 64}
axes:
  workload.batch: [1, 4, 16]
  workload.precision.weights: [bf16, int8]
)";

inline std::string write_text(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path) << text;
  return path;
}

}  // namespace pjsim::testing
