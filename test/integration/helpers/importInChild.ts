/**
 * Child process for the kill tests: import one year into a workspace, then say so. With
 * IRO_TEST_HOLD_OPEN=1 it says so before closing the workspace and waits to be killed (an app
 * killed after an import, before it closed).
 */
import { Workspace } from '../../../electron/workspace/workspace.js';

const [path, year, ...files] = process.argv.slice(2);
const ws = await Workspace.open({ path: path! });
process.stdout.write('opened\n');
const report = await ws['workspace.import']({ year: Number(year), files: files.map((f) => ({ name: f, path: f })) });
if (process.env.IRO_TEST_HOLD_OPEN === '1') {
  process.stdout.write(report.ok ? 'imported, still open\n' : 'refused\n');
  await new Promise(() => setInterval(() => undefined, 1000));
}
await ws.close();
process.stdout.write(report.ok ? 'imported\n' : `refused ${JSON.stringify(report.messages.slice(0, 3))}\n`);
