#!/usr/bin/env node
// The @tus/server baseline of the ingest benchmark: the reference Node tus server with its file
// store, defaults otherwise. Usage: node tus-server.mjs --port N --dir DIR
// Prints "tus-server.started port=N" on stdout when listening.
import { parseArgs } from 'node:util';
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';

const { values: args } = parseArgs({
  options: { port: { type: 'string', default: '1080' }, dir: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' } },
});
if (!args.dir) {
  console.error('--dir is required');
  process.exit(2);
}
const server = new Server({ path: '/files', datastore: new FileStore({ directory: args.dir }) });
const http = server.listen({ host: args.host, port: Number.parseInt(args.port, 10) }, () => {
  console.log(`tus-server.started port=${http.address().port}`);
});
const stop = () => http.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
