/** Child process for the kill test: import one year into a workspace, then say so. */
import { Workspace } from '../../../electron/workspace/workspace.js';

const [path, year, ...files] = process.argv.slice(2);
const ws = await Workspace.open({ path: path! });
process.stdout.write('opened\n');
const report = await ws['workspace.import']({ year: Number(year), files: files.map((f) => ({ name: f, path: f })) });
await ws.close();
process.stdout.write(report.ok ? 'imported\n' : `refused ${JSON.stringify(report.messages.slice(0, 3))}\n`);
