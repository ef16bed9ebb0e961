//! What Linux says about a process: CPU time and scheduling (wake-ups) summed over its
//! threads, and its resident memory.

use std::collections::BTreeMap;
use std::fs;

/// A reading of one process.
#[derive(Debug, Clone, Default)]
pub struct ProcStats {
    /// CPU time of all its threads, in nanoseconds (`schedstat`).
    pub cpu_ns: u64,
    /// Times any of its threads was put on a CPU (`schedstat` timeslices): wake-ups.
    pub runs: u64,
    /// Resident memory now, in KiB (`VmRSS`).
    pub rss_kib: u64,
    /// Peak resident memory, in KiB (`VmHWM`).
    pub peak_kib: u64,
    /// Per thread id: (CPU ns, runs), so a difference can follow threads that come and go.
    threads: BTreeMap<u32, (u64, u64)>,
}

impl ProcStats {
    /// Reads `/proc/<pid>`.
    pub fn read(pid: u32) -> anyhow::Result<Self> {
        let mut stats = ProcStats::default();
        for task in fs::read_dir(format!("/proc/{pid}/task"))? {
            let task = task?;
            let Some(tid) = task.file_name().to_str().and_then(|t| t.parse().ok()) else {
                continue;
            };
            // A thread may end between the listing and the read.
            let Ok(text) = fs::read_to_string(task.path().join("schedstat")) else {
                continue;
            };
            let fields: Vec<u64> = text
                .split_whitespace()
                .filter_map(|f| f.parse().ok())
                .collect();
            if let [run_ns, _wait_ns, slices] = fields[..] {
                stats.cpu_ns += run_ns;
                stats.runs += slices;
                stats.threads.insert(tid, (run_ns, slices));
            }
        }
        let status = fs::read_to_string(format!("/proc/{pid}/status"))?;
        stats.rss_kib = kib(&status, "VmRSS:");
        stats.peak_kib = kib(&status, "VmHWM:");
        Ok(stats)
    }

    /// What happened between `self` (earlier) and `later`, thread by thread: a thread
    /// that started meanwhile counts whole; one that ended meanwhile is not seen.
    pub fn since(&self, later: &ProcStats) -> ProcStats {
        let (mut cpu_ns, mut runs) = (0, 0);
        for (tid, (cpu, slices)) in &later.threads {
            let (cpu0, slices0) = self.threads.get(tid).copied().unwrap_or((0, 0));
            cpu_ns += cpu.saturating_sub(cpu0);
            runs += slices.saturating_sub(slices0);
        }
        ProcStats {
            cpu_ns,
            runs,
            rss_kib: later.rss_kib,
            peak_kib: later.peak_kib,
            threads: later.threads.clone(),
        }
    }
}

fn kib(status: &str, key: &str) -> u64 {
    status
        .lines()
        .find_map(|line| line.strip_prefix(key))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The first process whose parent is `parent`.
pub fn child_of(parent: u32) -> Option<u32> {
    fs::read_dir("/proc").ok()?.flatten().find_map(|entry| {
        let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
        let stat = fs::read_to_string(entry.path().join("stat")).ok()?;
        // `pid (comm) state ppid …`; comm may hold spaces, so split after the last ')'.
        let after = &stat[stat.rfind(')')? + 1..];
        let ppid: u32 = after.split_whitespace().nth(1)?.parse().ok()?;
        (ppid == parent).then_some(pid)
    })
}
