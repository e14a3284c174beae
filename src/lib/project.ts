// Where things live in the repository (paths relative to its root).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXPORTS_DIR = 'content/exports';
export const MECHANISMS_DIR = 'content/mechanisms';
export const SNAPSHOTS_DIR = 'content/snapshots';
