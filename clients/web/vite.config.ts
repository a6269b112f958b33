// Three pages, one per screen: the table tablet (/), the animateur console (/console) and the
// observer big screen (/observer); atelier-server maps /console and /observer to their .html.
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Input paths are relative to this folder (npm scripts run here).
  build: {
    // Old tablets: Safari 13 / Chrome 80 era, no top-level await, no class static blocks.
    target: ["es2019", "safari13", "chrome80"],
    rollupOptions: {
      input: {
        table: "index.html",
        console: "console.html",
        observer: "observer.html",
      },
    },
  },
  server: {
    // `npm run dev` against a local atelier-server (make run): the WebSocket and the API.
    proxy: {
      "/ws": { target: "ws://127.0.0.1:8080", ws: true },
      "/api": "http://127.0.0.1:8080",
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
  },
});
