import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const NATIVE = ['@duckdb/', '@resvg/'];
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
