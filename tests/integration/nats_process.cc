#include "tests/integration/nats_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>
#include <vector>

namespace atelier::testing {

namespace {

// A port nobody listens on now (the kernel's pick for port 0; free again once closed).
std::expected<uint16_t, std::string> FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::unexpected("socket: " + std::string(strerror(errno)));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    close(fd);
    return std::unexpected("bind: " + std::string(strerror(errno)));
  }
  close(fd);
  return ntohs(address.sin_port);
}

bool Accepts(uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

}  // namespace

std::string NatsProcess::Binary() {
  if (const char* env = std::getenv("ATELIER_NATS_SERVER"); env != nullptr && *env != '\0') {
    return env;
  }
  if (std::filesystem::exists("/usr/sbin/nats-server")) return "/usr/sbin/nats-server";
  return "nats-server";
}

std::expected<std::unique_ptr<NatsProcess>, std::string> NatsProcess::Start() {
  std::unique_ptr<NatsProcess> nats(new NatsProcess());
  auto port = FreePort();
  if (!port) return std::unexpected(port.error());
  nats->port_ = *port;
  std::string pattern =
      (std::filesystem::temp_directory_path() / "atelier-nats-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return std::unexpected("cannot make a temporary directory: " + std::string(strerror(errno)));
  }
  nats->store_dir_ = pattern;
  if (auto launched = nats->Launch(); !launched) return std::unexpected(launched.error());
  return nats;
}

NatsProcess::~NatsProcess() {
  Kill();
  std::error_code ignored;
  if (!store_dir_.empty()) std::filesystem::remove_all(store_dir_, ignored);
}

std::expected<void, std::string> NatsProcess::Launch() {
  const std::string binary = Binary();
  // JetStream on (the leases' key-value store), its files in a directory of this object's.
  std::vector<std::string> args = {binary, "-a", "127.0.0.1", "-p", std::to_string(port_),
                                   "-js", "-sd", store_dir_};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) return std::unexpected("fork: " + std::string(strerror(errno)));
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    const int null = open("/dev/null", O_WRONLY);
    if (null >= 0) {
      dup2(null, STDOUT_FILENO);
      dup2(null, STDERR_FILENO);
    }
    execvp(argv[0], argv.data());
    _exit(127);
  }
  pid_ = pid;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (Accepts(port_)) return {};
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = 0;
      return std::unexpected(binary + " ended at start (exit status " + std::to_string(status) +
                             "); is nats-server installed?");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  Kill();
  return std::unexpected(binary + " did not listen on port " + std::to_string(port_));
}

void NatsProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = 0;
}

std::expected<void, std::string> NatsProcess::Restart() {
  Kill();
  return Launch();
}

}  // namespace atelier::testing
