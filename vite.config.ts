// The dashboard (src/web) is built into dist/web, which `skywatch serve` serves at /.
import { defineConfig } from "vite";

export default defineConfig({
  root: "src/web",
  base: "/",
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      // MapLibre in a chunk of its own, so the app's own size can be read (and cached apart).
      output: { manualChunks: (id) => (id.includes("node_modules/maplibre-gl") ? "maplibre" : undefined) },
    },
  },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
