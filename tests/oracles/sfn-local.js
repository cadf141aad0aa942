// Starts the stepfunctions-local API server for the tests, bound to 127.0.0.1 only (the package listens on
// every interface by default), on the port given as the first argument (0 picks a free one). Prints
// "LISTENING <port>" once it accepts connections, and exits when its standard input closes, so a test
// process that dies never leaves a server behind.
'use strict';
const http = require('http');

const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (port, ...rest) {
  const callbacks = rest.filter((arg) => typeof arg === 'function');
  this.once('listening', () => process.stdout.write(`LISTENING ${this.address().port}\n`));
  return listen.call(this, port, '127.0.0.1', ...callbacks);
};

// Lambda tasks go to a closed port on 127.0.0.1 and fail there, as an unreachable function would: a real
// failure, recorded by the emulator, with no request leaving the machine. Fixed keys keep the SDK's
// credential chain from asking an instance metadata service.
process.env.AWS_ACCESS_KEY_ID = 'AKIDLOCAL';
process.env.AWS_SECRET_ACCESS_KEY = 'local';
const port = Number(process.argv[2] || 0);
require('stepfunctions-local').start({ port, region: 'us-east-1', lambdaEndpoint: 'http://127.0.0.1:9', lambdaRegion: 'us-east-1' });
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
