import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * What tells one process from another across hosts, reboots, PID namespaces (containers)
 * and pid reuse. The Linux-only parts are missing elsewhere, and are then not compared.
 */
export interface ProcessIdentity {
  pid: number;
  hostname: string;
  /** The kernel's boot id: no process of an earlier boot is still running. */
  bootId?: string;
  /** The PID namespace, e.g. `pid:[4026531836]`: pids only mean something inside one. */
  pidNamespace?: string;
  /** Start time in clock ticks after boot (`/proc/<pid>/stat` field 22): tells a reused pid. */
  startTime?: string;
}

/** How the lock looks at processes; tests replace it to play other hosts and namespaces. */
export interface ProcessProbe {
  /** This process. */
  self(): ProcessIdentity;
  /** A pid of this host and namespace: gone, or running with its start time when readable. */
  look(pid: number): 'missing' | { startTime?: string };
}

/** The real probe: /proc where it exists, signal 0 for existence. */
export const systemProbe: ProcessProbe = {
  self() {
    const identity: ProcessIdentity = { pid: process.pid, hostname: hostname() };
    const bootId = readText('/proc/sys/kernel/random/boot_id');
    if (bootId) identity.bootId = bootId;
    const namespace = readLink('/proc/self/ns/pid');
    if (namespace) identity.pidNamespace = namespace;
    const startTime = startTimeOf('self');
    if (startTime) identity.startTime = startTime;
    return identity;
  },
  look(pid) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      // EPERM: it exists but belongs to another user.
      if ((error as NodeJS.ErrnoException).code !== 'EPERM') return 'missing';
    }
    const startTime = startTimeOf(String(pid));
    return startTime ? { startTime } : {};
  },
};

/**
 * Field 22 of /proc/<pid>/stat (proc(5)). The second field, the command name in parentheses,
 * may itself hold spaces and parentheses, so fields are counted after its last ")".
 */
function startTimeOf(pid: string): string | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // `rest` starts at field 3 (state), so field 22 is at index 19.
  const value = rest[19];
  return value && /^\d+$/.test(value) ? value : undefined;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function readLink(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}
