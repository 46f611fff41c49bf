/**
 * Starts the snapshot worker from its TypeScript source (`npm start`, tests, benches), which
 * Node does not load by itself: through tsx, as the server itself runs. The built server starts
 * `snapshot-worker.js` instead and never loads this (nor tsx, a development dependency).
 */
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
