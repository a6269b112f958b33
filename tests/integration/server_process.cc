#include "tests/integration/server_process.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <regex>

namespace atelier::testing {
namespace {

constexpr size_t kMaxOutput = 1 << 20;
const std::regex kListening(R"(atelier-server listening on ([0-9.]+):([0-9]+))");

std::string Describe(int status) {
  if (WIFEXITED(status)) return "exited with code " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    return "died of signal " + std::to_string(WTERMSIG(status)) + " (" +
           strsignal(WTERMSIG(status)) + ")";
  }
  return "ended with status " + std::to_string(status);
}

}  // namespace

std::string DefaultServerBinary() {
#ifdef ATELIER_SERVER_PATH
  return ATELIER_SERVER_PATH;
#else
  return "";
#endif
}

std::expected<std::unique_ptr<ServerProcess>, std::string> ServerProcess::Start(
    ServerOptions options) {
  if (options.binary.empty()) return std::unexpected("no atelier-server binary was built");
  std::unique_ptr<ServerProcess> server(new ServerProcess(std::move(options)));
  const std::string& data_parent = server->options_.data_parent;
  const std::filesystem::path parent = data_parent.empty() ? std::filesystem::temp_directory_path()
                                                           : std::filesystem::path(data_parent);
  std::string pattern = (parent / "atelier-server-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return std::unexpected("cannot make a temporary directory: " + std::string(strerror(errno)));
  }
  server->data_dir_ = pattern;
  if (auto ok = server->Launch(); !ok) return std::unexpected(ok.error());
  return server;
}

std::expected<void, std::string> ServerProcess::Launch() {
  std::vector<std::string> args = {options_.binary, "--listen", "127.0.0.1:0", "--data", data_dir_};
  if (!options_.static_dir.empty()) {
    args.insert(args.end(), {"--static", options_.static_dir});
  }
  if (options_.threads > 0)
    args.insert(args.end(), {"--threads", std::to_string(options_.threads)});
  args.insert(args.end(), options_.extra_args.begin(), options_.extra_args.end());
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return std::unexpected("pipe: " + std::string(strerror(errno)));
  {
    std::lock_guard lock(mu_);
    output_.clear();
    output_closed_ = false;
  }
  int errors = -1;
  if (!options_.stderr_file.empty()) {
    errors = open(options_.stderr_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (errors < 0) {
      close(fds[0]);
      close(fds[1]);
      return std::unexpected(options_.stderr_file + ": " + std::string(strerror(errno)));
    }
  }
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    if (errors >= 0) close(errors);
    return std::unexpected("fork: " + std::string(strerror(errno)));
  }
  if (pid == 0) {
    // The child: only async-signal-safe calls until exec.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    signal(SIGPIPE, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    if (dup2(fds[1], STDOUT_FILENO) < 0) _exit(127);
    if (errors >= 0 && dup2(errors, STDERR_FILENO) < 0) _exit(127);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  if (errors >= 0) close(errors);
  pid_ = pid;
  port_ = 0;
  reader_ = std::thread([this, fd = fds[0]] { ReadOutput(fd); });

  std::unique_lock lock(mu_);
  std::smatch match;
  const bool listening = changed_.wait_for(lock, options_.start_timeout, [&] {
    size_t end = output_.find('\n');
    return end != std::string::npos || output_closed_;
  });
  const std::string first_line = output_.substr(0, output_.find('\n'));
  const std::string so_far = output_;
  lock.unlock();
  if (listening && std::regex_search(first_line, match, kListening)) {
    host_ = match[1];
    port_ = static_cast<uint16_t>(std::stoi(match[2]));
    return {};
  }
  std::string why =
      !listening
          ? "it printed no line within " + std::to_string(options_.start_timeout.count()) + " ms"
      : first_line.empty() ? "it ended before printing \"listening on\""
                           : "its first line is not \"atelier-server listening on ...\"";
  Kill();
  return std::unexpected("atelier-server did not start: " + why + "; output: " + so_far);
}

void ServerProcess::ReadOutput(int fd) {
  char buffer[4096];
  for (;;) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    std::lock_guard lock(mu_);
    output_.append(buffer, static_cast<size_t>(n));
    if (output_.size() > kMaxOutput) output_.erase(0, output_.size() - kMaxOutput);
    changed_.notify_all();
  }
  close(fd);
  std::lock_guard lock(mu_);
  output_closed_ = true;
  changed_.notify_all();
}

int ServerProcess::Wait(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    const pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done < 0 && errno == EINTR) continue;
    if (done == 0) {
      if (std::chrono::steady_clock::now() >= deadline) return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    if (done < 0) status = 255 << 8;  // reaped elsewhere: the status is lost
    pid_ = 0;
    if (reader_.joinable()) reader_.join();  // stdout reaches EOF once the process is gone
    return status;
  }
}

std::expected<int, std::string> ServerProcess::Stop(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return std::unexpected("the server is not running");
  kill(pid_, SIGTERM);
  int status = Wait(timeout);
  if (status < 0) {
    Kill();
    return std::unexpected("atelier-server did not stop within " + std::to_string(timeout.count()) +
                           " ms of SIGTERM; killed it");
  }
  if (!WIFEXITED(status)) return std::unexpected("atelier-server " + Describe(status));
  return WEXITSTATUS(status);
}

void ServerProcess::Kill() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    Wait(std::chrono::seconds(30));
  }
  if (reader_.joinable()) reader_.join();
}

std::expected<void, std::string> ServerProcess::Restart() {
  if (pid_ > 0) {
    if (auto stopped = Stop(); !stopped) return std::unexpected(stopped.error());
  }
  if (reader_.joinable()) reader_.join();
  return Launch();
}

std::string ServerProcess::Output() const {
  std::lock_guard lock(mu_);
  return output_;
}

ServerProcess::~ServerProcess() {
  Kill();
  if (!data_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(data_dir_, ignored);
  }
}

}  // namespace atelier::testing
