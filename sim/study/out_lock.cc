#include "sim/study/out_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "reports/atomic_file.h"
#include "sim/config/errors.h"

namespace pjsim::sim {

namespace {

// The pid the holder wrote into the lock file, for the message ("" when unreadable).
std::string holder_of(int fd) {
  char buffer[32] = {};
  const ssize_t n = pread(fd, buffer, sizeof buffer - 1, 0);
  std::string pid = n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : "";
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return pid.find_first_not_of("0123456789") == std::string::npos ? pid : "";
}

}  // namespace

OutFolderLock::OutFolderLock(const std::filesystem::path& out, const std::string& name) {
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  const std::filesystem::path file = out / name;
  fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw reports::WriteError("cannot create " + file.string() + ": " + std::strerror(errno));
  if (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    const std::string pid = holder_of(fd_);
    ::close(fd_);
    fd_ = -1;
    if (error == EWOULDBLOCK)
      throw UserError(out.string() + ": another pjsim" + (pid.empty() ? "" : " (pid " + pid + ")") +
                      " is writing into this folder; wait for it to finish, or choose another --out");
    throw reports::WriteError("cannot lock " + file.string() + ": " + std::strerror(error));
  }
  const std::string pid = std::to_string(getpid()) + "\n";
  if (ftruncate(fd_, 0) == 0 && pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
    // The pid is only for the message of a second writer: not being able to write it is no error.
  }
}

OutFolderLock::~OutFolderLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

}  // namespace pjsim::sim
