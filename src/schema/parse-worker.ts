/** Worker side of parse-pool.ts: parses the texts it is sent and posts the plain results back. */
import { parentPort } from 'node:worker_threads';
import { parseYaml } from './parse-yaml.js';

parentPort?.on('message', (texts: string[]) => {
  parentPort?.postMessage(texts.map(parseYaml));
});
