//! Starting and stopping the dev server (a native binary of this workspace) from tasks.

use crate::tools::{self, command};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

/// A running dev server; dropping it stops the process.
pub struct DevServer {
    child: Child,
    /// Base URL, for example `http://127.0.0.1:41234`.
    pub url: String,
}

impl Drop for DevServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Builds the dev server binary (release: it also serves the benchmarks) and returns its path.
pub fn build() -> Result<PathBuf, String> {
    tools::run(command("cargo").args(["build", "--quiet", "--release", "-p", "devserver"]))?;
    Ok(tools::target_dir().join("release").join("devserver"))
}

/// Starts the dev server with `args` on a free port and waits for its `DEVSERVER_URL=` line.
/// With `echo`, its remaining output (URL and demo tokens) is printed as it comes.
pub fn start(binary: &Path, args: &[&str], echo: bool) -> Result<DevServer, String> {
    let mut child = command(binary.to_str().expect("utf-8 path"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start the dev server: {e}"))?;
    let stdout = child.stdout.take().expect("piped stdout");
    let mut reader = BufReader::new(stdout);
    let mut first = String::new();
    reader
        .read_line(&mut first)
        .map_err(|e| format!("cannot read the dev server's output: {e}"))?;
    let Some(url) = first.trim().strip_prefix("DEVSERVER_URL=") else {
        let _ = child.kill();
        return Err(format!(
            "the dev server did not announce its URL (first line: {first:?})"
        ));
    };
    let url = url.to_string();
    // Keep draining its output so it never blocks on a full pipe.
    std::thread::spawn(move || {
        for line in reader.lines().map_while(Result::ok) {
            if echo {
                println!("{line}");
            }
        }
    });
    Ok(DevServer { child, url })
}
