// Who owns a lock or a run's private folder, and whether that owner is provably gone.
//
// A pid alone cannot say: pids are reused (pid 1 in every container), and a host name changes
// with each container. On Linux an owner is recorded as its pid, the kernel's start time of
// that process (clock ticks since boot, field 22 of /proc/<pid>/stat), the boot id
// (/proc/sys/kernel/random/boot_id) and its pid namespace (/proc/self/ns/pid):
// - same boot and same pid namespace: gone when no process has that pid, or when the process
//   that has it started at another time (the pid was reused);
// - same host name, another boot: gone (the machine restarted, every process of that boot ended);
// - anything else (another container's pid namespace, another host sharing the folder, a record
//   without these fields): it cannot be checked from here, so the owner keeps its record fresh
//   (mtime touched every HEARTBEAT_MS, see keepFresh) and is taken as gone once the record has
//   not been touched for STALE_AFTER_MS.

import { readFileSync, readlinkSync, utimesSync } from 'node:fs';
import { hostname } from 'node:os';

export interface ProcessIdentity {
  pid: number;
  host: string;
  /** Start time of the process in clock ticks since boot (Linux); undefined elsewhere. */
  start?: string | undefined;
  /** The kernel's boot id (Linux). */
  boot?: string | undefined;
  /** The pid namespace, e.g. `pid:[4026531836]` (Linux). */
  pidns?: string | undefined;
}

/** How often a live owner touches its records (locks, private run folder). */
export const HEARTBEAT_MS = 20_000;
/** A record not touched for this long, whose owner cannot be checked otherwise, is stale. */
export const STALE_AFTER_MS = 120_000;

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/<pid>/stat (start time), or undefined when there is no such process. */
export function processStartTime(pid: number): string | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces and parentheses itself.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19]; // fields[0] is field 3 (state); field 22 is fields[19]
}

let self: ProcessIdentity | undefined;

/** This process. */
export function currentIdentity(): ProcessIdentity {
  if (self) return self;
  let pidns: string | undefined;
  try {
    pidns = readlinkSync('/proc/self/ns/pid');
  } catch {
    pidns = undefined;
  }
  self = {
    pid: process.pid,
    host: hostname(),
    start: processStartTime(process.pid),
    boot: readText('/proc/sys/kernel/random/boot_id'),
    pidns,
  };
  return self;
}

/** Whether a process with this pid exists here (EPERM: it exists, owned by someone else). */
export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

export type OwnerState = 'alive' | 'gone' | 'unknown';

/**
 * Whether the owner of a record still runs: 'gone' only when provably so (see the rules at the
 * top of this module); 'unknown' when it cannot be checked from here (the caller then judges
 * by the record's age, STALE_AFTER_MS).
 */
export function ownerState(owner: ProcessIdentity, me: ProcessIdentity = currentIdentity()): OwnerState {
  if (owner.pid === me.pid && owner.start === me.start && owner.boot === me.boot && owner.pidns === me.pidns)
    return 'alive';
  if (me.boot !== undefined && owner.boot !== undefined) {
    if (owner.boot !== me.boot) return owner.host === me.host ? 'gone' : 'unknown';
    if (owner.pidns === undefined || owner.pidns !== me.pidns) return 'unknown';
    const start = processStartTime(owner.pid);
    if (start === undefined) return pidExists(owner.pid) ? 'unknown' : 'gone';
    return owner.start !== undefined && start !== owner.start ? 'gone' : 'alive';
  }
  // No /proc here or in the record: the pid alone, and only on the same host.
  if (owner.host !== me.host) return 'unknown';
  return pidExists(owner.pid) ? 'alive' : 'gone';
}

/** Reads an identity back from JSON; undefined when it is not one. */
export function parseIdentity(v: unknown): ProcessIdentity | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.pid !== 'number' || !Number.isInteger(o.pid) || o.pid <= 0) return undefined;
  const opt = (x: unknown) => (typeof x === 'string' && x !== '' ? x : undefined);
  return {
    pid: o.pid,
    host: typeof o.host === 'string' ? o.host : '',
    start: opt(o.start),
    boot: opt(o.boot),
    pidns: opt(o.pidns),
  };
}

const fresh = new Set<string>();
let timer: NodeJS.Timeout | undefined;

/**
 * Touches `path` every HEARTBEAT_MS while this process runs (it holds what the file records);
 * the returned function stops. The timer never keeps the process alive.
 */
export function keepFresh(path: string): () => void {
  fresh.add(path);
  if (!timer) {
    timer = setInterval(() => {
      const now = new Date();
      for (const p of fresh) {
        try {
          utimesSync(p, now, now);
        } catch {
          // gone: released or taken over
        }
      }
    }, HEARTBEAT_MS);
    timer.unref();
  }
  return () => {
    fresh.delete(path);
    if (fresh.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
