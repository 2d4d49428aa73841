// The chat widget's own build (docs/design/chat.md): one self-contained IIFE, no framework, into
// dist/widget/rapport-chat.js beside the app's build (which it must not empty). The main app's
// vite.config.ts is untouched.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/widget', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL('rapport-chat.ts', import.meta.url)),
      name: 'RapportChatWidget',
      formats: ['iife'],
      fileName: () => 'rapport-chat.js',
    },
  },
});
