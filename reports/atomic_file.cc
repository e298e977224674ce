#include "reports/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pjsim::reports {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& what, const fs::path& path, int err) {
  throw WriteError("cannot " + what + " " + path.string() + ": " + std::strerror(err));
}

// Write-sync-rename: rename() within one directory is atomic on POSIX, and fsync before it
// ensures the new name never points at a file whose bytes are still in flight. The temporary
// name carries the pid so concurrent runs writing the same directory do not collide.
fs::path temporary_of(const fs::path& target) {
  return target.parent_path() / ("." + target.filename().string() + ".tmp." + std::to_string(::getpid()));
}

void rename_over(const fs::path& tmp, const fs::path& target) {
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    fail("rename to", target, err);
  }
}

// Writes and syncs `bytes` into `tmp`; on failure removes it and throws.
void write_synced(const fs::path& tmp, const std::string& bytes) {
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("create", tmp, errno);

  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      fail("write", tmp, err);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    fail("flush", tmp, err);
  }
}

}  // namespace

void write_file_atomically(const fs::path& target, const std::string& bytes) {
  const fs::path tmp = temporary_of(target);
  write_synced(tmp, bytes);
  rename_over(tmp, target);
}

void write_files_together(const std::vector<FileBytes>& files) {
  std::vector<fs::path> written;
  try {
    for (const FileBytes& f : files) {
      write_synced(temporary_of(f.target), f.bytes);
      written.push_back(temporary_of(f.target));
    }
  } catch (const WriteError&) {
    for (const fs::path& tmp : written) ::unlink(tmp.c_str());
    throw;
  }
  for (const FileBytes& f : files) rename_over(temporary_of(f.target), f.target);
}

}  // namespace pjsim::reports
