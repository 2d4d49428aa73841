// Shared harness for the black-box API suites.
//
// Every suite starts its own `rapport serve` on a free loopback port with a fresh data
// directory, talks to it over HTTP with global fetch and stops it in an after() hook.
// Only node built-ins are used.
//
//   RAPPORT_BIN       path to the rapport binary (required)
//   RAPPORT_KEEP_TMP  keep temporary data directories (printed on exit)
//   RAPPORT_SHOW_LOG  always print the server's captured output on exit (not only on failure)

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const LOG_LIMIT = 256 * 1024;          // keep the last 256 KiB of each server's output
const READY_TIMEOUT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 30_000;

export function rapportBin() {
  const bin = process.env.RAPPORT_BIN;
  if (!bin) throw new Error('RAPPORT_BIN is not set (path to the rapport binary)');
  if (!fs.existsSync(bin)) throw new Error(`RAPPORT_BIN=${bin} does not exist`);
  return bin;
}

// ---------------------------------------------------------------------------------------------
// Process bookkeeping: whatever happens, no server outlives the test file, and when the file
// fails the servers' output is printed so the failure can be understood.

const allServers = new Set();     // servers that may still be running
const everStarted = [];            // every server of this file, for the output dump
const ownedDirs = new Set();

process.on('exit', (code) => {
  const failed = code !== 0 || (process.exitCode ?? 0) !== 0;
  for (const s of allServers) {
    if (s.proc.exitCode === null && s.proc.signalCode === null) {
      try { s.proc.kill('SIGKILL'); } catch { /* already gone */ }
    }
  }
  for (const s of everStarted) {
    if (failed || process.env.RAPPORT_SHOW_LOG) {
      const all = s.logs();
      const errors = all.split('\n').filter((l) => /\b(error|critical|fatal|warn(ing)?)\b|AddressSanitizer|runtime error/i.test(l));
      process.stderr.write(`\n----- rapport serve ${s.baseUrl} (data dir ${s.dataDir}): error and warning lines -----\n`);
      process.stderr.write(errors.length ? errors.slice(-60).join('\n') + '\n' : '(none)\n');
      process.stderr.write(`----- output tail -----\n`);
      process.stderr.write(all.slice(-12 * 1024) || '(no output)\n');
      process.stderr.write(`\n----- end of output -----\n`);
    }
  }
  for (const dir of ownedDirs) removeDir(dir);
});

export function makeDataDir(prefix = 'rapport-api-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  ownedDirs.add(dir);
  return dir;
}

export function removeDir(dir) {
  if (process.env.RAPPORT_KEEP_TMP) {
    if (ownedDirs.has(dir)) process.stderr.write(`keeping data dir ${dir}\n`);
    ownedDirs.delete(dir);
    return;
  }
  ownedDirs.delete(dir);
  try { fs.rmSync(dir, { recursive: true, force: true }); } catch { /* best effort */ }
}

// ---------------------------------------------------------------------------------------------
// CLI

/** Runs the rapport CLI synchronously; returns {status, signal, stdout, stderr}. */
export function runCli(args, { timeoutMs = 30_000 } = {}) {
  const r = spawnSync(rapportBin(), args, { encoding: 'utf8', timeout: timeoutMs, env: process.env });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/**
 * Runs the CLI with `input` on stdin; throws unless it exits 0; returns stdout's last line.
 * timeoutMs only stops a hung command: it is no time limit on the work (see docs/testing.md).
 */
export function cliOk(args, input = '', { timeoutMs = 30_000 } = {}) {
  const r = spawnSync(rapportBin(), args, { encoding: 'utf8', input, timeout: timeoutMs, env: process.env });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`rapport ${args.join(' ')} exited ${r.status ?? r.signal}\nstderr:\n${r.stderr}`);
  return r.stdout.trim().split('\n').pop();
}

/** Creates an API token with the CLI. Only valid while no server holds the data dir. */
export function createToken(dataDir, name = 'test') {
  const r = runCli(['token', 'create', '--data-dir', dataDir, '--name', name]);
  if (r.status !== 0) {
    const err = new Error(`rapport token create exited ${r.status ?? r.signal}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
    err.result = r;
    throw err;
  }
  const lines = r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) throw new Error(`rapport token create printed no token\nstderr:\n${r.stderr}`);
  return lines[lines.length - 1];
}

// ---------------------------------------------------------------------------------------------
// Server

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `rapport serve` and waits for /readyz.
 * @param {object} [opts]
 * @param {string} [opts.dataDir]   reuse this data dir (the caller owns it); default: a new temp dir
 *                                  that stop() removes
 * @param {string} [opts.token]     use this token instead of creating one with the CLI
 */
export async function startServer({ dataDir, token } = {}) {
  const ownsDir = !dataDir;
  const dir = dataDir ?? makeDataDir();
  const tok = token ?? createToken(dir, 'test');

  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return await launch({ dir, ownsDir, token: tok, port });
    } catch (e) {
      lastError = e;
      // The port may have been taken between probing and binding: retry with another one, but
      // only when the process died early (a readiness timeout is not going to get better).
      if (!e.exitedEarly) break;
    }
  }
  if (ownsDir) removeDir(dir);
  throw lastError;
}

async function launch({ dir, ownsDir, token, port }) {
  const listen = `127.0.0.1:${port}`;
  const baseUrl = `http://${listen}`;
  const proc = spawn(rapportBin(), ['serve', '--data-dir', dir, '--listen', listen], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: process.env,
  });
  let log = '';
  const append = (chunk) => {
    log += chunk.toString('utf8');
    if (log.length > LOG_LIMIT) log = log.slice(-LOG_LIMIT);
  };
  proc.stdout.on('data', append);
  proc.stderr.on('data', append);
  const exited = new Promise((resolve) => {
    proc.on('exit', (code, signal) => resolve({ code, signal }));
  });
  let spawnError = null;
  proc.on('error', (e) => { spawnError = e; });

  const server = {
    baseUrl,
    token,
    dataDir: dir,
    port,
    proc,
    logs: () => log,
    exited,
    /** SIGTERM, wait for exit (SIGKILL after 10 s); returns the exit code (null if killed by a signal). */
    async stop({ keepDataDir = false } = {}) {
      const res = await terminate(proc, exited);
      allServers.delete(server);
      if (ownsDir && !keepDataDir) removeDir(dir);
      if (res.signal) server.exitSignal = res.signal;
      return res.code;
    },
    /** stop(), then fail unless the exit was clean (code 0): catches crashes and leaks at shutdown. */
    async stopClean(opts) {
      const code = await server.stop(opts);
      if (code !== 0) {
        throw new Error(`rapport serve exited with code ${code} (signal ${server.exitSignal ?? 'none'}) after SIGTERM\n--- output tail ---\n${log.slice(-4000)}`);
      }
    },
    /** SIGKILL, wait for exit. Never removes the data dir. */
    async kill9() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      const res = await exited;
      allServers.delete(server);
      return res;
    },
    api: (method, p, opts) => request(baseUrl, token, method, p, opts),
    url: (p) => baseUrl + apiPath(p),
  };
  allServers.add(server);
  everStarted.push(server);

  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastProblem = 'no answer yet';
  for (;;) {
    if (spawnError) {
      allServers.delete(server);
      throw new Error(`could not start ${rapportBin()}: ${spawnError.message}`);
    }
    if (proc.exitCode !== null || proc.signalCode !== null) {
      allServers.delete(server);
      const e = new Error(`rapport serve exited early (code ${proc.exitCode}, signal ${proc.signalCode}) before /readyz answered\n--- output ---\n${log}`);
      e.exitedEarly = true;
      throw e;
    }
    try {
      const r = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
      await r.arrayBuffer();
      if (r.status === 200) return server;
      lastProblem = `GET /readyz -> ${r.status}`;
    } catch (e) {
      lastProblem = `GET /readyz failed: ${e.cause?.code ?? e.message}`;
    }
    if (Date.now() > deadline) {
      await terminate(proc, exited);
      allServers.delete(server);
      throw new Error(`rapport serve not ready after ${READY_TIMEOUT_MS} ms (${lastProblem})\n--- output ---\n${log}`);
    }
    await sleep(100);
  }
}

async function terminate(proc, exited) {
  if (proc.exitCode !== null || proc.signalCode !== null) return exited;
  proc.kill('SIGTERM');
  let timer;
  const killer = new Promise((resolve) => {
    timer = setTimeout(() => {
      try { proc.kill('SIGKILL'); } catch { /* gone */ }
      resolve();
    }, 10_000);
  });
  await Promise.race([exited, killer]);
  clearTimeout(timer);
  return exited;
}

// ---------------------------------------------------------------------------------------------
// HTTP

/** "/customers" -> "/api/v1/customers"; paths starting with /api/, /healthz or /readyz stay. */
export function apiPath(p) {
  if (p.startsWith('/api/') || p === '/api' || p.startsWith('/healthz') || p.startsWith('/readyz')) return p;
  return '/api/v1' + (p.startsWith('/') ? p : '/' + p);
}

/**
 * Sends one request. body: object/array/number (JSON-encoded), string or Buffer (sent as is,
 * still labelled application/json unless headers say otherwise), or undefined (no body).
 * token: undefined = the server's token, null = no Authorization header, string = that token.
 * raw: true sends the path exactly as given (no /api/v1 prefix).
 * Returns {status, headers (plain object, lower-case names), body (parsed JSON when the
 * content-type contains "json", else text), text}.
 */
async function request(baseUrl, defaultToken, method, p, { body, headers = {}, token, raw = false, timeoutMs = REQUEST_TIMEOUT_MS } = {}) {
  const h = {};
  const tok = token === undefined ? defaultToken : token;
  if (tok !== null) h.authorization = `Bearer ${tok}`;
  let payload;
  if (body !== undefined) {
    h['content-type'] = 'application/json';
    payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  }
  for (const [k, v] of Object.entries(headers)) {
    if (v === null || v === undefined) delete h[k.toLowerCase()];
    else h[k.toLowerCase()] = v;
  }
  const res = await fetch(baseUrl + (raw ? p : apiPath(p)), {
    method,
    headers: h,
    body: payload,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  const ct = res.headers.get('content-type') ?? '';
  let parsed = text;
  if (ct.includes('json') && text.length > 0) {
    try { parsed = JSON.parse(text); } catch { parsed = text; }
  }
  return { status: res.status, headers: Object.fromEntries(res.headers), body: parsed, text, method, path: p };
}

// ---------------------------------------------------------------------------------------------
// Small utilities

/** CPU seconds (user + system) the process has used, from /proc/PID/stat. */
export function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
  return (Number(fields[11]) + Number(fields[12])) / 100;  // USER_HZ is 100 on Linux
}

/**
 * Polls fn until it returns a truthy value (returned) without throwing. On timeout rethrows the
 * last error (or fails with the last value), so assertion-style callbacks read naturally.
 */
export async function waitFor(fn, { timeoutMs = 10_000, intervalMs = 100, message } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  let lastValue;
  for (;;) {
    try {
      lastValue = await fn();
      if (lastValue) return lastValue;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      if (lastError) {
        if (message) lastError.message = `${message}: ${lastError.message}`;
        throw lastError;
      }
      throw new Error(`${message ?? 'waitFor'}: condition not met within ${timeoutMs} ms (last value ${JSON.stringify(lastValue)})`);
    }
    await sleep(intervalMs);
  }
}

/** Runs fn over items with at most `limit` in flight; returns results in item order. */
export async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      results[i] = await fn(items[i], i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Deterministic PRNG (mulberry32) so fuzz failures can be reproduced from the seed. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (arr) => arr[Math.floor(next() * arr.length)];
  return next;
}
