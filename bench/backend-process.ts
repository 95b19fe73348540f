/** The backend as a child process, the way benchmarks measure it (compiled main next to the bench). */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export function startBackend(configFile: string): Promise<{ url: string; child: ChildProcess }> {
  const main = path.join(__dirname, '../server/src/main.js');
  const child = spawn(process.execPath, [main, '--config', configFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /backend listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve({ url: m[1], child });
      if (out.length > 100_000) out = out.slice(-1000); // the request log goes on; keep the buffer small
    });
    child.once('exit', (code) => reject(new Error(`backend exited (${code}) before listening: ${out.slice(-500)}`)));
  });
}
