import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
// Only what loads a native addon stays external. @duckdb/node-api is plain JavaScript in some 60
// CommonJS files: bundled, it loads in one go instead of Node resolving, lexing (for ESM's named
// exports) and compiling each file, about a third of a short command's start.
const NATIVE = ['@duckdb/node-bindings', '@resvg/'];
const external = (id: string) => NATIVE.some((p) => id.startsWith(p)) || id.endsWith('.node') || nodeBuiltins.includes(id);

export default defineConfig({
  logLevel: 'warn',
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: 'electron/cli.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    rolldownOptions: { external, output: { format: 'esm', entryFileNames: 'cli.mjs' } },
  },
});
