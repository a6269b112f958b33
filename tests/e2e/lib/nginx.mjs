// Debian's nginx in front of an atelier-server, as deploy/nginx/atelier.conf puts it: the test
// makes a self-signed certificate with openssl, takes that very file with its ports, its
// certificate and its upstream substituted (each substitution must match, so that the file
// stays what is tested), wraps it in a minimal nginx.conf, and runs nginx unprivileged in the
// foreground with everything under a temporary directory.
//
// Env: NGINX (default /usr/sbin/nginx), OPENSSL (default openssl).
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./harness.mjs";

const nginxBinary = process.env.NGINX ?? "/usr/sbin/nginx";

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

function substitute(text, from, to) {
  const parts = text.split(from);
  assert.ok(parts.length > 1, `deploy/nginx/atelier.conf no longer has ${JSON.stringify(from)}`);
  return parts.join(to);
}

export class Nginx {
  /** upstreamPort: the atelier-server's. */
  static async start(upstreamPort) {
    const dir = mkdtempSync(join(tmpdir(), "atelier-nginx-"));
    chmodSync(dir, 0o755);  // nginx's workers (nobody, when the test runs as root) read it
    const cert = join(dir, "cert.pem");
    const key = join(dir, "key.pem");
    execFileSync(process.env.OPENSSL ?? "openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt",
      "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=localhost", "-addext",
      "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", cert], { stdio: "ignore" });
    const https = await freePort();
    const http = await freePort();
    let site = readFileSync(join(repoRoot, "deploy/nginx/atelier.conf"), "utf8");
    site = substitute(site, "server 127.0.0.1:8080;", `server 127.0.0.1:${upstreamPort};`);
    site = substitute(site, "listen 443 ssl http2;", `listen 127.0.0.1:${https} ssl http2;`);
    site = substitute(site, "listen [::]:443 ssl http2;", "");
    site = substitute(site, "listen 80;", `listen 127.0.0.1:${http};`);
    site = substitute(site, "listen [::]:80;", "");
    site = substitute(site, "/etc/letsencrypt/live/atelier.example.fr/fullchain.pem", cert);
    site = substitute(site, "/etc/letsencrypt/live/atelier.example.fr/privkey.pem", key);
    site = substitute(site, "root /var/www/html;", `root ${dir};`);
    for (const sub of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(join(dir, sub), { mode: 0o777 });
    writeFileSync(join(dir, "atelier.conf"), site);
    writeFileSync(join(dir, "nginx.conf"), [
      "worker_processes 1;",
      `pid ${dir}/nginx.pid;`,
      "error_log stderr warn;",
      "events { worker_connections 512; }",
      "http {",
      "  access_log off;",
      `  client_body_temp_path ${dir}/body;`,
      `  proxy_temp_path ${dir}/proxy;`,
      `  fastcgi_temp_path ${dir}/fastcgi;`,
      `  uwsgi_temp_path ${dir}/uwsgi;`,
      `  scgi_temp_path ${dir}/scgi;`,
      "  types { text/html html; application/javascript js; text/css css; }",
      `  include ${dir}/atelier.conf;`,
      "}",
      "",
    ].join("\n"));
    const child = spawn(nginxBinary, ["-p", dir, "-e", "stderr", "-c", join(dir, "nginx.conf"), "-g", "daemon off;"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
      process.stderr.write(`[nginx] ${d}`);
    });
    const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
    const nginx = new Nginx(dir, child, exited, https, http, cert);
    // Up once it accepts TLS connections.
    const deadline = Date.now() + 15000;
    for (;;) {
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 100))]);
      if (code !== undefined) throw new Error(`nginx exited with ${code}: ${stderr}`);
      try {
        await fetch(`http://127.0.0.1:${http}/`, { redirect: "manual" });
        break;
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`nginx did not start: ${stderr}`);
      }
    }
    return nginx;
  }

  constructor(dir, child, exited, httpsPort, httpPort, cert) {
    this.dir = dir;
    this.child = child;
    this.exited = exited;
    this.httpsPort = httpsPort;
    this.httpPort = httpPort;
    this.cert = cert;
  }

  get base() {
    return `https://localhost:${this.httpsPort}`;
  }

  async stop() {
    this.child.kill("SIGQUIT");
    await this.exited;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
