// The dashboard (src/web) is built into dist/web, which `skywatch serve` serves at /.
import { defineConfig, type Plugin } from "vite";
import { buildBasemap } from "./src/web/map/basemap-build";

/** "virtual:basemap": neighbouring countries and their borders from world-atlas, computed at build time. */
function basemap(): Plugin {
  const id = "virtual:basemap";
  return {
    name: "skywatch-basemap",
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load: (resolved) => (resolved === `\0${id}` ? `export default ${JSON.stringify(buildBasemap())};` : undefined),
  };
}

export default defineConfig({
  root: "src/web",
  base: "/",
  plugins: [basemap()],
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
