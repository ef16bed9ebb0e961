//! What Linux says about a process: CPU time and scheduling (wake-ups) summed over its
//! threads, and its resident memory.

use std::fs;

/// A reading of one process.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProcStats {
    /// CPU time of all its threads, in nanoseconds (`schedstat`).
    pub cpu_ns: u64,
    /// Times any of its threads was put on a CPU (`schedstat` timeslices): wake-ups.
    pub runs: u64,
    /// Resident memory now, in KiB (`VmRSS`).
    pub rss_kib: u64,
    /// Peak resident memory, in KiB (`VmHWM`).
    pub peak_kib: u64,
}

impl ProcStats {
    /// Reads `/proc/<pid>`.
    pub fn read(pid: u32) -> anyhow::Result<Self> {
        let mut stats = ProcStats::default();
        for task in fs::read_dir(format!("/proc/{pid}/task"))? {
            let path = task?.path().join("schedstat");
            // A thread may end between the listing and the read.
            let Ok(text) = fs::read_to_string(path) else {
                continue;
            };
            let fields: Vec<u64> = text
                .split_whitespace()
                .filter_map(|f| f.parse().ok())
                .collect();
            if let [run_ns, _wait_ns, slices] = fields[..] {
                stats.cpu_ns += run_ns;
                stats.runs += slices;
            }
        }
        let status = fs::read_to_string(format!("/proc/{pid}/status"))?;
        stats.rss_kib = kib(&status, "VmRSS:");
        stats.peak_kib = kib(&status, "VmHWM:");
        Ok(stats)
    }

    /// What happened between `self` (earlier) and `later`.
    pub fn since(&self, later: &ProcStats) -> ProcStats {
        ProcStats {
            cpu_ns: later.cpu_ns.saturating_sub(self.cpu_ns),
            runs: later.runs.saturating_sub(self.runs),
            rss_kib: later.rss_kib,
            peak_kib: later.peak_kib,
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
