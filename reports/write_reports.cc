#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "reports/report.h"

namespace pjsim::reports {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& what, const fs::path& path, int err) {
  throw std::runtime_error("cannot " + what + " " + path.string() + ": " + std::strerror(err));
}

// Write-sync-rename: rename() within one directory is atomic on POSIX, and fsync before it
// ensures the new name never points at a file whose bytes are still in flight. The temporary
// name carries the pid so concurrent runs writing the same directory do not collide.
void write_atomically(const fs::path& target, const std::string& bytes) {
  const fs::path tmp = target.parent_path() / ("." + target.filename().string() + ".tmp." + std::to_string(::getpid()));
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
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    fail("rename to", target, err);
  }
}

}  // namespace

WrittenReports write_reports(const nlohmann::json& report, const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) fail("create directory", dir, ec.value());

  // Render everything first: a rendering error must not leave a new JSON beside an old CSV.
  const std::string json = dump_report(report);
  const std::string markdown = to_markdown(report);
  const std::string csv = to_csv(report);

  WrittenReports out{dir / "report.json", dir / "report.md", dir / "report.csv"};
  write_atomically(out.json, json);
  write_atomically(out.markdown, markdown);
  write_atomically(out.csv, csv);
  return out;
}

}  // namespace pjsim::reports
