// A real nats-server (Debian's) for the cluster tests: started on 127.0.0.1 on a free port with
// JetStream on (its files in a temporary directory), in its own process, killed with the object.
// Restart() starts it again on the same port and files (the nodes reconnect by themselves).
//
// Thread-compatible: one thread drives an object. Errors are values (English messages).
#ifndef ATELIER_TESTS_INTEGRATION_NATS_PROCESS_H_
#define ATELIER_TESTS_INTEGRATION_NATS_PROCESS_H_

#include <sys/types.h>

#include <cstdint>
#include <expected>
#include <memory>
#include <string>

namespace atelier::testing {

class NatsProcess {
 public:
  // The binary: $ATELIER_NATS_SERVER, else /usr/sbin/nats-server, else nats-server on PATH.
  static std::string Binary();
  static std::expected<std::unique_ptr<NatsProcess>, std::string> Start();
  ~NatsProcess();
  NatsProcess(const NatsProcess&) = delete;
  NatsProcess& operator=(const NatsProcess&) = delete;

  uint16_t port() const { return port_; }
  // nats://127.0.0.1:PORT, for --cluster.
  std::string url() const { return "nats://127.0.0.1:" + std::to_string(port_); }
  bool running() const { return pid_ > 0; }

  // SIGKILL and wait.
  void Kill();
  // Starts it again on the same port (after Kill, or killing it first).
  std::expected<void, std::string> Restart();

 private:
  NatsProcess() = default;
  std::expected<void, std::string> Launch();

  uint16_t port_ = 0;
  pid_t pid_ = 0;
  std::string store_dir_;  // JetStream's files, kept across Restart()
};

}  // namespace atelier::testing

#endif  // ATELIER_TESTS_INTEGRATION_NATS_PROCESS_H_
