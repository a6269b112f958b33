#!/usr/bin/env bash
# The Debian package, checked as an administrator would meet it (part of `make test`):
#   - its contents: the server and the command line, the web app, the configuration (a
#     conffile), the systemd unit, the maintainer scripts, the documentation;
#   - its control fields (dependencies found by dpkg-shlibdeps);
#   - the unit passes systemd-analyze verify, silently (an unknown key is only a warning there);
#   - unpacked into a temporary root (dpkg-deb -x), the installed server starts with the
#     installed configuration (the data and backup directories moved to the test's own), serves
#     the installed web app without --static, answers the installed `atelier backup`, and stops
#     cleanly on SIGTERM.
# Usage: tests/package/check_package.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: check_package.sh BUILD_DIR}
deb=$(ls "$build"/atelier-server_*.deb 2>/dev/null | head -1)
[[ -n $deb ]] || { echo "check_package: no atelier-server_*.deb in $build (make package)" >&2; exit 1; }
fail() { echo "check_package: $*" >&2; exit 1; }
scratch=$(mktemp -d)
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill -9 "$server_pid" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

contents=$(dpkg-deb -c "$deb")
for path in ./usr/bin/atelier-server ./usr/bin/atelier ./usr/share/atelier/web/index.html \
            ./usr/share/atelier/web/console.html ./usr/share/atelier/web/observer.html \
            ./etc/atelier/atelier.conf ./lib/systemd/system/atelier.service \
            ./usr/share/doc/atelier-server/README.md; do
  grep -q " $path\$" <<<"$contents" || fail "$path is not in the package"
done
grep -q "^-rwxr-xr-x root/root .* ./usr/bin/atelier-server\$" <<<"$contents" ||
  fail "atelier-server is not an executable owned by root"
if grep -q " ./var/" <<<"$contents"; then fail "the package ships files under /var"; fi
depends=$(dpkg-deb -f "$deb" Depends)
for dep in librocksdb adduser libprotobuf libjemalloc; do
  grep -q "$dep" <<<"$depends" || fail "Depends lacks $dep: $depends"
done
mkdir "$scratch/control"
dpkg-deb -e "$deb" "$scratch/control"
grep -qx /etc/atelier/atelier.conf "$scratch/control/conffiles" || fail "the configuration is not a conffile"
for script in postinst prerm postrm; do
  [[ -x $scratch/control/$script ]] || fail "no executable $script"
done
grep -q "adduser --system" "$scratch/control/postinst" || fail "postinst makes no system user"

root=$scratch/root
dpkg-deb -x "$deb" "$root"
# The unit as installed, its ExecStart pointed at the unpacked binary (verify checks it exists).
sed "s|^ExecStart=/usr/bin/atelier-server|ExecStart=$root/usr/bin/atelier-server|" \
  "$root/lib/systemd/system/atelier.service" >"$scratch/atelier.service"
verify=$(systemd-analyze verify --man=no "$scratch/atelier.service" 2>&1) ||
  fail "systemd-analyze verify failed: $verify"
[[ -z $verify ]] || fail "systemd-analyze verify complains: $verify"
for key in "User=atelier" "StateDirectory=atelier" "NoNewPrivileges=yes" "ProtectSystem=strict" \
           "PrivateTmp=yes" "Restart=on-failure" "KillSignal=SIGTERM" \
           "ExecStart=/usr/bin/atelier-server --config /etc/atelier/atelier.conf"; do
  grep -qx "$key" "$root/lib/systemd/system/atelier.service" || fail "the unit lacks $key"
done

# The installed server, with the installed configuration; only what must stay in the test's
# scratch directory is given on the command line.
"$root/usr/bin/atelier-server" --config "$root/etc/atelier/atelier.conf" --listen 127.0.0.1:0 \
  --data "$scratch/data" --backup-dir "$scratch/backups" >"$scratch/out" 2>"$scratch/err" &
server_pid=$!
for _ in $(seq 100); do
  grep -q "listening on" "$scratch/out" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || fail "the installed server exited: $(cat "$scratch/err")"
  sleep 0.1
done
port=$(sed -n 's/^atelier-server listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$scratch/out")
[[ -n $port ]] || fail "the installed server did not say where it listens: $(cat "$scratch/out" "$scratch/err")"
get() {  # GET path: the whole response, over bash's /dev/tcp (no curl on a bare machine)
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$1" >&3
  cat <&3
  exec 3<&-
}
page=$(get /)
grep -q "^HTTP/1.1 200" <<<"$page" || fail "GET / did not answer 200: $(head -1 <<<"$page")"
index=$(cat "$root/usr/share/atelier/web/index.html")
grep -qF "$(grep -o '/assets/[^"]*\.js' <<<"$index" | head -1)" <<<"$page" ||
  fail "GET / is not the installed web app"
grep -q "^HTTP/1.1 200" <<<"$(get /console)" || fail "GET /console did not answer 200"
grep -q "^HTTP/1.1 200" <<<"$(get /healthz)" || fail "GET /healthz did not answer 200"
grep -q "Open in a browser" "$scratch/out" || fail "the server did not print the addresses to open"
backup=$("$root/usr/bin/atelier" backup --server "127.0.0.1:$port" 2>/dev/null) ||
  fail "atelier backup failed"
[[ -d $backup && $backup == "$scratch/backups/atelier-backup-"* ]] || fail "no backup in $backup"
help=$("$root/usr/bin/atelier-server" --help)
grep -q -- "--config FILE" <<<"$help" || fail "--help lacks --config"
kill -TERM "$server_pid"
wait "$server_pid" && status=0 || status=$?
server_pid=
[[ $status -eq 0 ]] || fail "the installed server exited $status on SIGTERM: $(cat "$scratch/err")"
echo "check_package: $(basename "$deb") ok ($(grep -c . <<<"$contents") entries; installed server" \
  "served the installed web app, took a backup, stopped cleanly)"
