/**
 * Builds the Electron side: dist-electron/main.cjs (main process) and dist-electron/preload.cjs.
 * The preload runs sandboxed, where require() only reaches 'electron', so it must be ONE file with
 * no shared chunks: it is built by a second, separate build once the main build has finished.
 * electron and the packages with native bindings (@duckdb/*, @resvg/* for server-side chart
 * images) stay external: they are loaded from node_modules, unpacked from the asar. Everything else
 * is bundled.
 */
import { builtinModules } from 'node:module';
import { build, defineConfig, type Plugin } from 'vite';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const NATIVE = ['@duckdb/', '@resvg/'];
const external = (id: string) => id === 'electron' || NATIVE.some((p) => id.startsWith(p)) || id.endsWith('.node') || nodeBuiltins.includes(id);

function buildPreload(): Plugin {
  return {
    name: 'workbench-build-preload',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        ssr: { noExternal: true, target: 'node' },
        build: {
          ssr: 'electron/preload/preload.ts',
          outDir: 'dist-electron',
          emptyOutDir: false,
          minify: false,
          sourcemap: false,
          rolldownOptions: {
            external: ['electron'],
            output: { format: 'cjs', entryFileNames: 'preload.cjs', codeSplitting: false },
          },
        },
      });
    },
  };
}

export default defineConfig({
  plugins: [buildPreload()],
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: 'electron/main/main.ts',
    outDir: 'dist-electron',
    emptyOutDir: true,
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      external,
      output: { format: 'cjs', entryFileNames: 'main.cjs', codeSplitting: false },
    },
  },
});
