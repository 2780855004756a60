//! Phase timings for profiling a build: with `HERALD_TIMINGS=1` in the environment, each
//! phase's wall and CPU time go to standard error (`timing: load 1234.5 ms wall, 2.1 s CPU`).

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("HERALD_TIMINGS").is_some_and(|v| !v.is_empty()))
}

/// Runs `f`, reporting how long it took as `name` when timings are on.
pub fn phase<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let start = Instant::now();
    let cpu = cpu_seconds();
    let out = f();
    eprintln!(
        "timing: {name} {:.1} ms wall, {:.1} s CPU (user+system)",
        start.elapsed().as_secs_f64() * 1000.0,
        cpu_seconds() - cpu
    );
    out
}

/// The process's CPU time so far, from `/proc/self/stat` (0 where there is none).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name; the
    // clock tick is 100 Hz on Linux.
    (ticks(11) + ticks(12)) / 100.0
}
