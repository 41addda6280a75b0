import { fileURLToPath, URL } from 'node:url';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    // The app's version, sent by kiosks in their heartbeat (src/kiosk/heartbeat.ts).
    __APP_VERSION__: JSON.stringify((JSON.parse(readFileSync(fileURLToPath(new URL('./package.json', import.meta.url)), 'utf8')) as { version: string }).version),
    // vue-i18n: Composition API only (smaller bundle), no devtools hooks in production.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  // `npm run dev` talks to `npm run serve` (src/server, port 8080 by default) for /api.
  server: { proxy: { '/api': process.env.LOTHO_API ?? 'http://127.0.0.1:8080' } },
  preview: { proxy: { '/api': process.env.LOTHO_API ?? 'http://127.0.0.1:8080' } },
  build: { target: 'es2022', sourcemap: true },
});
