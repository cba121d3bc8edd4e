// Entry of dist/scanWorker.js, a worker thread of `sdguard scan --jobs N`. It gets the rules and
// options from the main thread and scans the batches of files it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { Engine } from '../engine/engine';
import { engineFromSpec } from '../config/configuredEngine';
import type { Rule } from '../engine/types';
import { runScanWorker } from './scanPool';
import type { ScanFileOptions } from './scanFile';

const { rules, options } = workerData as { rules: Rule[]; options: ScanFileOptions };
runScanWorker(parentPort!, new Engine(rules), options, engineFromSpec);
