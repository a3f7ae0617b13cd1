import { defineConfig } from "vitest/config";

// Built into the repo's artifacts/console/, which the cloud service copies beside its binaries and serves.
export default defineConfig({
  base: "/",
  build: {
    outDir: "../../artifacts/console",
    emptyOutDir: true,
    target: "es2022",
    // The polyfill would be an inline script, which the service's Content-Security-Policy forbids.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
