/**
 * SVGs to PNGs on worker threads. resvg's drawing and PNG encoding are CPU-bound and take about
 * half of an export of every pack, and the charts are independent, so they are drawn on all cores
 * at once. Each worker loads resvg itself; if one cannot start (resvg not found from a worker, no
 * threads), the charts are drawn on this thread instead, so an export never fails for it.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** The worker: CommonJS run by eval, so no file of its own has to ship or be bundled. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Resvg } = require(workerData.resvg);
parentPort.on('message', ({ id, svg }) => {
  try {
    const png = new Uint8Array(new Resvg(svg, workerData.options).render().asPng());
    parentPort.postMessage({ id, png }, [png.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

/** Where resvg is, for a worker's require (which resolves from the folder it is run in otherwise). */
function resvgPath(): string | null {
  try {
    // CommonJS (the Electron bundle) has __filename; under ESM (tsx, tests) the working folder.
    const from = typeof __filename === 'string' ? __filename : join(process.cwd(), 'index.js');
    return createRequire(from).resolve('@resvg/resvg-js');
  } catch {
    return null;
  }
}

/**
 * The PNGs of `svgs`, in order, drawn with `options` (resvg's, structured-clonable) on up to
 * `threads` workers. Resolves to null when workers cannot be used; the caller then draws inline.
 */
export async function pngsOnWorkers(svgs: string[], options: object, threads = Math.min(4, availableParallelism())): Promise<Uint8Array[] | null> {
  const count = Math.min(threads, svgs.length);
  const resvg = resvgPath();
  if (count < 2 || resvg === null) return null;
  const workers: Worker[] = [];
  try {
    return await new Promise<Uint8Array[]>((resolve, reject) => {
      const out: Uint8Array[] = new Array(svgs.length);
      let next = 0;
      let done = 0;
      const feed = (worker: Worker) => {
        if (next < svgs.length) worker.postMessage({ id: next, svg: svgs[next++] });
      };
      for (let i = 0; i < count; i++) {
        const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { resvg, options } });
        workers.push(worker);
        worker.on('message', (m: { id: number; png?: Uint8Array; error?: string }) => {
          if (m.error !== undefined || !m.png) return reject(new Error(m.error ?? 'no image'));
          out[m.id] = m.png;
          if (++done === svgs.length) resolve(out);
          else feed(worker);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (done < svgs.length) reject(new Error(`chart worker stopped (${code})`));
        });
        feed(worker);
      }
    });
  } catch {
    return null;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
