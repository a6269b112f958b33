// A stand-in for atelier-server with the same command-line contract, to test ServerProcess
// without the real server: listens on --listen (port 0), prints "atelier-server listening on
// 127.0.0.1:PORT", appends "started" to DATA/starts, and exits on SIGTERM.
// --fake-mode silent: prints nothing; --fake-mode exit3: exits 3 on SIGTERM.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

int main(int argc, char** argv) {
  std::string data, mode;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--data") == 0) data = argv[i + 1];
    if (std::strcmp(argv[i], "--fake-mode") == 0) mode = argv[i + 1];
  }
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigprocmask(SIG_BLOCK, &stop, nullptr);

  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0 || listen(fd, 16) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    return 1;
  }
  std::ofstream(data + "/starts", std::ios::app) << "started\n";
  if (mode != "silent") {
    std::printf("atelier-server listening on 127.0.0.1:%d\n", ntohs(address.sin_port));
    std::printf("and more output after the first line\n");
    std::fflush(stdout);
  }
  int signal_number = 0;
  sigwait(&stop, &signal_number);
  close(fd);
  return mode == "exit3" ? 3 : 0;
}
