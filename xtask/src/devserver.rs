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
    /// The binary it runs (tests that start servers of their own take the same one).
    pub binary: PathBuf,
}

impl Drop for DevServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Builds the release dev server binary (the demo and the full benchmark, whose figures it
/// serves) and returns its path.
pub fn build() -> Result<PathBuf, String> {
    tools::run(command("cargo").args(["build", "--quiet", "--release", "-p", "devserver"]))?;
    Ok(tools::target_dir().join("release").join("devserver"))
}

/// What the `native` step runs (`cargo` and these arguments): the end-to-end tests need the
/// bundle and a browser, so they are their own steps. [`build_for_tests`] builds this same
/// selection, which is what makes its dev server the one already built.
pub const NATIVE_TESTS: [&str; 4] = ["test", "--workspace", "--exclude", "e2e"];

/// The dev server the tests talk to: the debug binary that `cargo test --workspace --exclude e2e`
/// builds for the dev server's own tests (the `native` step), with the same features, so after
/// that step it costs a freshness check instead of a release build of axum, tokio and serde
/// (about 80 s on 2 cores). `cargo build -p devserver` would resolve features differently and
/// compile some 28 crates again.
pub fn build_for_tests() -> Result<PathBuf, String> {
    let mut cmd = command("cargo");
    cmd.args(NATIVE_TESTS)
        .args([
            "--no-run",
            "--quiet",
            "--message-format=json-render-diagnostics",
        ])
        .stdout(Stdio::piped());
    let output = cmd
        .spawn()
        .and_then(|child| child.wait_with_output())
        .map_err(|e| format!("could not start {}: {e}", tools::describe(&cmd)))?;
    if !output.status.success() {
        return Err(format!(
            "{} failed ({})",
            tools::describe(&cmd),
            output.status
        ));
    }
    dev_server_executable(&String::from_utf8_lossy(&output.stdout)).ok_or_else(|| {
        format!(
            "{} built no dev server binary (no compiler-artifact for the `devserver` bin)",
            tools::describe(&cmd)
        )
    })
}

/// The path of the `devserver` bin target's executable among cargo's JSON messages.
fn dev_server_executable(messages: &str) -> Option<PathBuf> {
    messages
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact")
        .filter(|m| {
            m["target"]["name"] == "devserver"
                && m["target"]["kind"]
                    .as_array()
                    .is_some_and(|kinds| kinds.iter().any(|k| k == "bin"))
                && m["profile"]["test"] == false
        })
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
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
    Ok(DevServer {
        child,
        url,
        binary: binary.to_path_buf(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dev_server_binary_is_found_among_cargo_messages_and_its_test_harness_is_not() {
        let messages = concat!(
            r#"{"reason":"compiler-artifact","target":{"name":"devserver","kind":["lib"]},"profile":{"test":false},"executable":null}"#,
            "\n",
            r#"{"reason":"compiler-artifact","target":{"name":"devserver","kind":["bin"]},"profile":{"test":true},"executable":"/t/debug/deps/devserver-aaaa"}"#,
            "\n",
            "not json\n",
            r#"{"reason":"compiler-artifact","target":{"name":"devserver","kind":["bin"]},"profile":{"test":false},"executable":"/t/debug/deps/devserver-bbbb"}"#,
            "\n",
            r#"{"reason":"build-finished","success":true}"#,
        );
        assert_eq!(
            dev_server_executable(messages),
            Some(PathBuf::from("/t/debug/deps/devserver-bbbb"))
        );
        assert_eq!(
            dev_server_executable(r#"{"reason":"build-finished","success":true}"#),
            None
        );
    }
}
