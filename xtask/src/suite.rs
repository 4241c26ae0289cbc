//! `cargo xtask test`: setup, then every test, then one summary; non-zero exit on any failure.
//!
//! Steps: native tests (`cargo test --workspace`), browser tests (wasm-bindgen-test in
//! headless Chromium against a dev server started here), the release bundle build, the
//! end-to-end tests (the bundle served by the dev server, driven through chromedriver), and a
//! smoke run of the benchmark (`cargo xtask bench --smoke`: one round, no budgets).
//! `cargo xtask test --only native,browser` runs a subset while developing.

use crate::devserver;
use crate::setup;
use crate::tools::{self, command};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one step counted.
#[derive(Default)]
struct Outcome {
    passed: u64,
    failed: u64,
    error: Option<String>,
    /// The browser test runner saw no test run at all (a stalled browser, see `browser`).
    stalled: bool,
}

const STEPS: &[&str] = &[
    "native",
    "browser",
    "bundle",
    "package",
    "e2e",
    "bench-smoke",
];

pub fn run(args: &[String]) -> Result<(), String> {
    let only: Option<Vec<String>> = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .map(|list| list.split(',').map(str::to_string).collect());
    if let Some(list) = &only {
        if let Some(bad) = list.iter().find(|s| !STEPS.contains(&s.as_str())) {
            return Err(format!(
                "unknown step `{bad}` (steps: {})",
                STEPS.join(", ")
            ));
        }
    }
    let wanted = |step: &str| only.as_ref().is_none_or(|l| l.iter().any(|s| s == step));

    let started = Instant::now();
    setup::run()?;

    let mut results: Vec<(&str, Outcome, f64)> = Vec::new();
    for step in STEPS.iter().copied().filter(|s| wanted(s)) {
        println!("\n== {step}");
        let t = Instant::now();
        let outcome = match step {
            "native" => native(),
            "browser" => browser(),
            "bundle" => bundle(),
            "package" => package(),
            "e2e" => e2e(),
            "bench-smoke" => bench_smoke(),
            _ => unreachable!(),
        };
        results.push((step, outcome, t.elapsed().as_secs_f64()));
    }

    println!("\n== summary");
    let (mut passed, mut failed, mut broken) = (0, 0, 0);
    for (step, o, secs) in &results {
        let status = if o.error.is_some() || o.failed > 0 {
            broken += 1;
            "FAIL"
        } else {
            "ok  "
        };
        let detail = o.error.as_deref().unwrap_or("");
        println!(
            "  {status} {step:<8} {:>4} passed {:>3} failed {secs:>6.0} s  {detail}",
            o.passed, o.failed
        );
        passed += o.passed;
        failed += o.failed;
    }
    println!("  total time {:.0} s", started.elapsed().as_secs_f64());
    println!("summary: {passed} passed, {failed} failed");
    if broken > 0 {
        Err(format!("{broken} step(s) failed"))
    } else {
        Ok(())
    }
}

fn native() -> Outcome {
    let mut cmd = command("cargo");
    // The end-to-end tests need the bundle and a browser: they are their own step.
    cmd.args(["test", "--workspace", "--exclude", "e2e"]);
    counted(cmd)
}

fn browser() -> Outcome {
    let server = match devserver::build().and_then(|bin| {
        let axe = tools::tools_dir().join("node_modules/axe-core");
        devserver::start(
            &bin,
            &[
                "--port",
                "0",
                "--clock",
                "manual",
                "--static",
                axe.to_str().expect("utf-8 path"),
            ],
            false,
        )
    }) {
        Ok(server) => server,
        Err(e) => return failed_outcome(e),
    };
    println!("dev server for browser tests at {}", server.url);
    // Build every test binary first, so the time limit below only ever applies to running.
    let mut build = command("cargo");
    build
        .args([
            "test",
            "--no-run",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "waldur-backups",
        ])
        // The tests read the URL at compile time: the same value here avoids a rebuild per file.
        .env("WALDUR_DEVSERVER_URL", &server.url);
    if let Err(e) = tools::run(&mut build) {
        return failed_outcome(e);
    }
    let mut total = Outcome::default();
    for name in browser_test_files() {
        // The stalls seen before ("Loading scripts...", no test run) were the test runner's HTTP
        // server never answering one request, fixed in the runner `cargo xtask setup` installs
        // (see `setup::TINY_HTTP_POOL_BUG`): 0 stalls in 32 runs, 4 in 16 before. One more run
        // after a stall stays as a safety net; it is announced, and a failing test never reruns.
        let run = || {
            let mut cmd = command("cargo");
            cmd.args([
                "test",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "waldur-backups",
                "--test",
                &name,
            ])
            .env("WALDUR_DEVSERVER_URL", &server.url)
            .env("CHROMEDRIVER", tools::CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "180");
            counted_within(cmd, Some(BROWSER_FILE_LIMIT))
        };
        let mut outcome = run();
        if outcome.stalled && outcome.passed == 0 && outcome.failed == 0 {
            println!("xtask: {name} stalled before any test ran; running it once more");
            outcome = run();
        }
        if outcome.stalled {
            println!("xtask: {name} stalled: no test result within the time limit");
        }
        total.passed += outcome.passed;
        total.failed += outcome.failed;
        if let Some(e) = outcome.error {
            total.error = Some(match total.error.take() {
                Some(prev) => format!("{prev}; {e}"),
                None => e,
            });
        }
    }
    drop(server);
    total
}

/// Longest a browser test file may run (each takes well under a minute); past it the browser
/// has stalled and the whole process group (runner, chromedriver, Chromium) is killed.
const BROWSER_FILE_LIMIT: Duration = Duration::from_secs(90);

/// The browser test files (`tests/*.rs`); each is its own test binary and browser session.
fn browser_test_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(tools::root().join("tests"))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .filter_map(|n| n.strip_suffix(".rs").map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn bundle() -> Outcome {
    let mut cmd = command("trunk");
    cmd.args(["build", "--release"]);
    match tools::run(&mut cmd) {
        Ok(()) => {
            let wasm = std::fs::read_dir(tools::root().join("dist"))
                .map(|d| {
                    d.filter_map(Result::ok)
                        .any(|e| e.file_name().to_string_lossy().ends_with(".wasm"))
                })
                .unwrap_or(false);
            if wasm {
                Outcome {
                    passed: 1,
                    ..Outcome::default()
                }
            } else {
                failed_outcome("trunk build produced no .wasm in dist/".into())
            }
        }
        Err(e) => failed_outcome(e),
    }
}

/// The npm package: packed, holding every file the module loads, its declarations accepted by
/// `tsc --strict` (and the wrong uses in the example rejected).
fn package() -> Outcome {
    let mut outcome = Outcome::default();
    for (name, result) in crate::package::test_step() {
        match result {
            Ok(()) => {
                println!("test {name} ... ok");
                outcome.passed += 1;
            }
            Err(e) => {
                println!("test {name} ... FAILED\n{e}");
                outcome.failed += 1;
                outcome.error = Some(format!("{name} failed"));
            }
        }
    }
    outcome
}

/// The release bundle served by the dev server, driven in Chromium through chromedriver.
fn e2e() -> Outcome {
    let dist = tools::root().join("dist");
    if !dist.join("waldur-backups_bg.wasm").exists() {
        if let Err(e) = tools::run(command("trunk").args(["build", "--release"])) {
            return failed_outcome(e);
        }
    }
    let server = match devserver::build().and_then(|bin| {
        devserver::start(
            &bin,
            &[
                "--port",
                "0",
                "--static",
                dist.to_str().expect("utf-8 path"),
                "--clock",
                "real",
                "--step-ms",
                "1500",
            ],
            false,
        )
    }) {
        Ok(server) => server,
        Err(e) => return failed_outcome(e),
    };
    // The standalone page reads config.json beside it.
    let config = format!("{{\"apiUrl\": \"{}\"}}\n", server.url);
    if let Err(e) = std::fs::write(dist.join("config.json"), config) {
        return failed_outcome(format!("cannot write dist/config.json: {e}"));
    }
    println!("dev server for end-to-end tests at {}", server.url);
    let mut cmd = command("cargo");
    cmd.args([
        "test",
        "--no-fail-fast",
        "-p",
        "e2e",
        "--",
        "--test-threads=1",
    ])
    .env("E2E_BASE_URL", &server.url)
    .env("CHROMEDRIVER", tools::CHROMEDRIVER);
    let outcome = counted(cmd);
    let _ = std::fs::remove_file(dist.join("config.json"));
    drop(server);
    outcome
}

/// The benchmark in smoke mode (one round, no budgets): fails only when the harness breaks.
fn bench_smoke() -> Outcome {
    match crate::bench::run(&["--smoke".to_string()]) {
        Ok(()) => Outcome {
            passed: 1,
            ..Outcome::default()
        },
        Err(e) => failed_outcome(e),
    }
}

fn failed_outcome(error: String) -> Outcome {
    Outcome {
        error: Some(error),
        ..Outcome::default()
    }
}

/// Runs a test command, echoing its output and adding up its `test result:` lines.
fn counted(cmd: Command) -> Outcome {
    counted_within(cmd, None)
}

/// Like [`counted`], but kills the command's whole process group once `limit` has passed.
fn counted_within(mut cmd: Command, limit: Option<Duration>) -> Outcome {
    use std::os::unix::process::CommandExt;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let description = tools::describe(&cmd);
    cmd.process_group(0);
    let mut child = match cmd.stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn() {
        Ok(child) => child,
        Err(e) => return failed_outcome(format!("could not start {description}: {e}")),
    };
    let finished = Arc::new(AtomicBool::new(false));
    let killed = Arc::new(AtomicBool::new(false));
    if let Some(limit) = limit {
        let (finished, killed, group) = (finished.clone(), killed.clone(), child.id());
        std::thread::spawn(move || {
            let started = Instant::now();
            while started.elapsed() < limit {
                if finished.load(Ordering::SeqCst) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(500));
            }
            killed.store(true, Ordering::SeqCst);
            let _ = Command::new("kill")
                .args(["-9", "--", &format!("-{group}")])
                .status();
        });
    }
    let mut outcome = Outcome::default();
    let stdout = child.stdout.take().expect("piped stdout");
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        println!("{line}");
        if line.contains("Failed to detect test as having been run") {
            outcome.stalled = true;
        }
        if let Some((passed, failed)) = parse_test_result(&line) {
            outcome.passed += passed;
            outcome.failed += failed;
        }
    }
    let waited = child.wait();
    finished.store(true, std::sync::atomic::Ordering::SeqCst);
    if killed.load(std::sync::atomic::Ordering::SeqCst) {
        outcome.stalled = true;
        outcome.error = Some(format!(
            "{description} did not finish in time and was stopped"
        ));
        return outcome;
    }
    match waited {
        Ok(status) if status.success() => {}
        Ok(status) => outcome.error = Some(format!("{description} exited with {status}")),
        Err(e) => outcome.error = Some(format!("{description}: {e}")),
    }
    outcome
}

/// `test result: ok. 12 passed; 0 failed; ...` → (12, 0).
fn parse_test_result(line: &str) -> Option<(u64, u64)> {
    let rest = line.trim().strip_prefix("test result: ")?;
    let number_before = |word: &str| -> Option<u64> {
        let end = rest.find(word)?;
        rest[..end].trim_end().rsplit(' ').next()?.parse().ok()
    };
    Some((number_before(" passed")?, number_before(" failed")?))
}

#[cfg(test)]
mod tests {
    use super::parse_test_result;

    #[test]
    fn reads_cargo_test_summary_lines() {
        assert_eq!(
            parse_test_result(
                "test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out"
            ),
            Some((12, 0))
        );
        assert_eq!(
            parse_test_result("test result: FAILED. 3 passed; 2 failed; 0 ignored"),
            Some((3, 2))
        );
        assert_eq!(parse_test_result("running 3 tests"), None);
    }
}
