// node lib/browser_server.mjs COMMAND ARGS...: starts one Chromium for a whole browser test run
// and runs COMMAND with ATELIER_E2E_BROWSER_WS set to its address, so that each test file
// connects to it (harness.mjs launchBrowser) instead of launching and closing a browser of its
// own: ~3 s of CPU per file saved over the whole folder. Each file still works in contexts of
// its own, and closing a connected browser only disconnects it. Exits with COMMAND's status.
import { spawn } from "node:child_process";
import { chromium } from "playwright-core";
import { browserOptions } from "./harness.mjs";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node lib/browser_server.mjs COMMAND [ARGS...]");
  process.exit(2);
}
const server = await chromium.launchServer(browserOptions());
const child = spawn(command, args, {
  stdio: "inherit",
  env: { ...process.env, ATELIER_E2E_BROWSER_WS: server.wsEndpoint() },
});
const status = await new Promise((resolve) => {
  child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  child.on("error", (error) => {
    console.error(`browser_server: ${error.message}`);
    resolve(1);
  });
});
await server.close();
process.exit(status);
