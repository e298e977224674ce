// One writer per output folder: a sweep, a comparison or a shard holds a lock on its --out folder
// while it runs and writes its tables, so that a second one started into the same folder is
// refused (exit 2) instead of overwriting reports under the first and labelling them "internal".
//
// Example: const OutFolderLock lock("out/batching");   // out/batching/.pjsim.lock, flock()ed
//   a second `pjsim sweep batching` meanwhile: "error: out/batching: another pjsim (pid 4242) is
//   writing into this folder; wait for it to finish, or choose another --out".
// Shards of one study take a lock of their own (".pjsim-shard-1-of-4.lock"): the tasks of a job
// array write into one folder at once, each its own points. The lock is an flock() on a file in
// the folder: released when the process ends, however it ends; the file itself stays.
#pragma once

#include <filesystem>
#include <string>

namespace pjsim::sim {

class OutFolderLock {
 public:
  /// Creates `out` if needed and locks `out`/`name`; throws UserError when another process holds
  /// it, or reports::WriteError when the folder cannot be written.
  explicit OutFolderLock(const std::filesystem::path& out, const std::string& name = ".pjsim.lock");
  ~OutFolderLock();
  OutFolderLock(const OutFolderLock&) = delete;
  OutFolderLock& operator=(const OutFolderLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace pjsim::sim
