// A real atelier-server process for integration tests: started on 127.0.0.1 port 0 in a fresh
// temporary data directory, its port read from the first line it prints
// ("atelier-server listening on 127.0.0.1:PORT").
//
// Ownership: the object owns the process and the data directory. Its destructor kills the
// process (SIGKILL) if it still runs, waits for it, and removes the directory. The child also
// gets SIGKILL if the thread that started it dies (PR_SET_PDEATHSIG), so that a crashed test
// leaves no server behind: start it from the test's own thread.
//
// The server's stdout is read by a thread of this object until the process ends (kept, bounded,
// for Output()); its stderr is the test's, or a file (ServerOptions::stderr_file). Thread-compatible: one thread drives an object.
// Errors are values (English messages); nothing throws.
#ifndef ATELIER_TESTS_INTEGRATION_SERVER_PROCESS_H_
#define ATELIER_TESTS_INTEGRATION_SERVER_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <expected>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace atelier::testing {

// The atelier-server built with this tree (compile definition ATELIER_SERVER_PATH), or "".
std::string DefaultServerBinary();

struct ServerOptions {
  std::string binary = DefaultServerBinary();
  std::string static_dir;  // --static, when set
  int threads = 0;         // --threads, when > 0
  std::vector<std::string> extra_args;
  // Where the temporary data directory is made (default: the system's temp dir).
  std::string data_parent;
  // When set, the server's stderr is appended to this file (else it is the test's stderr).
  std::string stderr_file;
  std::chrono::milliseconds start_timeout{15'000};  // for the "listening on" line
};

class ServerProcess {
 public:
  // Makes the data directory and starts the server. The error says what failed, with the
  // server's output so far.
  static std::expected<std::unique_ptr<ServerProcess>, std::string> Start(ServerOptions options);

  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  const std::string& host() const { return host_; }
  uint16_t port() const { return port_; }
  // "127.0.0.1:PORT", for the CLI's --server.
  std::string address() const { return host_ + ":" + std::to_string(port_); }
  const std::string& data_dir() const { return data_dir_; }
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }

  // SIGTERM, then waits up to `timeout`. Returns the exit code (0 for a clean shutdown); an
  // error if the process died of a signal or did not stop in time (it is then killed).
  std::expected<int, std::string> Stop(
      std::chrono::milliseconds timeout = std::chrono::seconds(10));

  // SIGKILL and wait: a crash, as far as the server can tell.
  void Kill();

  // Stops the server if it runs (SIGTERM) and starts it again on the same data directory, on a
  // new port.
  std::expected<void, std::string> Restart();

  // Replaces ServerOptions::extra_args for the next Restart (the running process keeps its own).
  void set_extra_args(std::vector<std::string> args) { options_.extra_args = std::move(args); }

  // What the server printed on stdout so far (the last 1 MiB).
  std::string Output() const;

 private:
  explicit ServerProcess(ServerOptions options) : options_(std::move(options)) {}

  std::expected<void, std::string> Launch();
  void ReadOutput(int fd);
  void Reap();                                  // waits for the child and the reader thread
  int Wait(std::chrono::milliseconds timeout);  // raw wait status, or -1 on timeout

  ServerOptions options_;
  std::string host_ = "127.0.0.1";
  std::string data_dir_;
  pid_t pid_ = 0;
  uint16_t port_ = 0;
  std::thread reader_;

  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::string output_;          // guarded by mu_
  bool output_closed_ = false;  // guarded by mu_
};

}  // namespace atelier::testing

#endif  // ATELIER_TESTS_INTEGRATION_SERVER_PROCESS_H_
