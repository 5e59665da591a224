import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web app: index.html at the repo root, sources in src/web, output in dist/web (served by the
// API server at /). In development `npm run dev:web` proxies /api to the server on port 3000.
export default defineConfig({
  root: '.',
  publicDir: 'src/web/public',
  plugins: [react()],
  server: {
    port: 5173,
    // Keep the browser's Host header so the server's same-origin (CSRF) check sees one origin.
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    // .vite/manifest.json: which chunks each route imports; `npm run bundle:size` reads it.
    manifest: true,
    // The largest chunk is React + router + i18next + antd's style core (~380 kB minified, ~125 kB
    // gzip), which every screen needs. Anything past this limit is a new heavy dependency: look why.
    // No manualChunks: with React.lazy per route Rolldown's automatic split already keeps the
    // sign-in page and the first screen small (measured; manual groups did not shrink them).
    chunkSizeWarningLimit: 450,
  },
});
