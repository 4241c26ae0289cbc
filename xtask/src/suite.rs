//! `cargo xtask test`: setup, then every test, then one summary; non-zero exit on any failure.
//!
//! Steps, in order: `lint` (rustfmt, clippy for the native workspace and for wasm32, the
//! library's `missing_docs`), `native` (`cargo test --workspace`), `browser-<engine>`
//! (wasm-bindgen-test against a dev server started here), `bundle` (the release build),
//! `package` (the npm package, its declarations checked by tsc),
//! `e2e-<engine>` (the bundle served by the dev server, driven through the engine's WebDriver),
//! and `bench-smoke` (`cargo xtask bench --smoke`: one round, no budgets, Chromium only).
//! Engines: `chromium`, `firefox`, `webkit` (under an Xvfb started and stopped here).
//!
//! `--only native,browser` runs a subset (`browser` and `e2e` stand for all their engines,
//! `browser-firefox` for one); `--browsers chromium,firefox` picks the engines; `--test table`
//! runs only that file's tests: an area of the browser tests (`tests/browser/table.rs`) or an
//! e2e test file (`e2e/tests/*.rs`).

use crate::devserver::{self, DevServer};
use crate::engines::{self, Display, Engine};
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
    /// Said after the counts in the summary (for example the time spent building).
    note: Option<String>,
}

/// One step of the suite.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Lint,
    Native,
    Browser(Engine),
    Bundle,
    Package,
    E2e(Engine),
    BenchSmoke,
}

impl Step {
    fn name(self) -> String {
        match self {
            Step::Lint => "lint".into(),
            Step::Native => "native".into(),
            Step::Browser(e) => format!("browser-{}", e.name()),
            Step::Bundle => "bundle".into(),
            Step::Package => "package".into(),
            Step::E2e(e) => format!("e2e-{}", e.name()),
            Step::BenchSmoke => "bench-smoke".into(),
        }
    }

    /// The name of the group `--only` may give instead (`browser` for `browser-firefox`).
    fn group(self) -> &'static str {
        match self {
            Step::Browser(_) => "browser",
            Step::E2e(_) => "e2e",
            Step::Lint => "lint",
            Step::Native => "native",
            Step::Bundle => "bundle",
            Step::Package => "package",
            Step::BenchSmoke => "bench-smoke",
        }
    }
}

/// Every step with every engine, in the order they run.
fn all_steps() -> Vec<Step> {
    let mut steps = vec![Step::Lint, Step::Native];
    steps.extend(engines::ALL.map(Step::Browser));
    steps.push(Step::Bundle);
    steps.push(Step::Package);
    steps.extend(engines::ALL.map(Step::E2e));
    steps.push(Step::BenchSmoke);
    steps
}

/// What `cargo xtask test` was asked to run.
struct Selection {
    /// The steps `--only` and `--browsers` select, in suite order.
    steps: Vec<Step>,
    /// `--test`: one test file (`tests/<name>.rs` or `e2e/tests/<name>.rs`).
    test_file: Option<String>,
}

/// The options of `cargo xtask test` that take a value.
const OPTIONS: [&str; 3] = ["--only", "--browsers", "--test"];

fn selection(args: &[String]) -> Result<Selection, String> {
    let value_of = |flag: &str| -> Result<Option<&str>, String> {
        match args.iter().position(|a| a == flag) {
            None => Ok(None),
            Some(i) => args
                .get(i + 1)
                .map(|v| Some(v.as_str()))
                .ok_or_else(|| format!("{flag} needs a comma-separated list")),
        }
    };
    for (i, arg) in args.iter().enumerate() {
        let is_value = i > 0 && OPTIONS.contains(&args[i - 1].as_str());
        if !is_value && !OPTIONS.contains(&arg.as_str()) {
            return Err(format!(
                "unknown test option `{arg}` (options: --only <steps>, --browsers <engines>, \
                 --test <file>)"
            ));
        }
    }
    let test_file = value_of("--test")?.map(|name| name.trim_end_matches(".rs").to_string());
    // With `--test`, the steps of the other kind of test file have nothing to run.
    let (mut browser_file, mut e2e_file) = (false, false);
    if let Some(name) = &test_file {
        let (browser, e2e) = (browser_test_files(), e2e_test_files());
        (browser_file, e2e_file) = (browser.contains(name), e2e.contains(name));
        if !browser_file && !e2e_file {
            return Err(format!(
                "no test file `{name}` (browser: {}; e2e: {})",
                browser.join(", "),
                e2e.join(", ")
            ));
        }
    }
    let browsers = match value_of("--browsers")? {
        Some(list) => engines::parse_list(list)?,
        None => engines::ALL.to_vec(),
    };
    let steps = all_steps();
    let only: Option<Vec<&str>> = value_of("--only")?.map(|l| {
        l.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    });
    if let Some(list) = &only {
        for name in list {
            if !steps
                .iter()
                .any(|s| s.name() == *name || s.group() == *name)
            {
                let mut known: Vec<String> = Vec::new();
                for s in &steps {
                    if s.group() != s.name() && !known.iter().any(|k| k == s.group()) {
                        known.push(s.group().to_string());
                    }
                    known.push(s.name());
                }
                return Err(format!(
                    "unknown step `{name}` (steps: {})",
                    known.join(", ")
                ));
            }
        }
    }
    let steps = steps
        .into_iter()
        .filter(|s| match s {
            Step::Browser(e) => browsers.contains(e) && (test_file.is_none() || browser_file),
            Step::E2e(e) => browsers.contains(e) && (test_file.is_none() || e2e_file),
            _ => true,
        })
        .filter(|s| {
            only.as_ref()
                .is_none_or(|l| l.iter().any(|n| *n == s.name() || *n == s.group()))
        })
        .collect();
    Ok(Selection { steps, test_file })
}

pub fn run(args: &[String]) -> Result<(), String> {
    let Selection { steps, test_file } = selection(args)?;
    let test_file = test_file.as_deref();
    let started = Instant::now();
    setup::run()?;

    let mut browser_run = Shared::default();
    let mut e2e_run = Shared::default();
    let mut results: Vec<(String, Outcome, f64)> = Vec::new();
    for step in steps {
        // Each group's server stops once its last step has run.
        if !matches!(step, Step::Browser(_)) {
            browser_run.server = None;
        }
        if !matches!(step, Step::E2e(_)) {
            e2e_run.stop();
        }
        let name = step.name();
        println!("\n== {name}");
        let t = Instant::now();
        let outcome = match step {
            Step::Lint => lint(),
            Step::Native => native(),
            Step::Browser(engine) => with_shared(&mut browser_run, start_browser_server, |s| {
                browser(engine, s, test_file)
            }),
            Step::Bundle => bundle(),
            Step::Package => package(),
            Step::E2e(engine) => with_shared(&mut e2e_run, start_e2e_server, |s| {
                e2e(engine, s, test_file)
            }),
            Step::BenchSmoke => bench_smoke(),
        };
        results.push((name, outcome, t.elapsed().as_secs_f64()));
    }
    e2e_run.stop();
    drop(browser_run);

    println!("\n== summary");
    let (mut passed, mut failed, mut broken) = (0, 0, 0);
    for (step, o, secs) in &results {
        let status = if o.error.is_some() || o.failed > 0 {
            broken += 1;
            "FAIL"
        } else {
            "ok  "
        };
        let detail = [o.note.as_deref(), o.error.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("; ");
        println!(
            "  {status} {step:<16} {:>4} passed {:>3} failed {secs:>6.0} s  {detail}",
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

/// A dev server (and the test build that reads its URL) shared by the engine steps of one
/// group: started by the first of them, reused by the others.
#[derive(Default)]
struct Shared {
    server: Option<DevServer>,
    /// Why it could not be started: each later step of the group fails with it too.
    error: Option<String>,
}

impl Shared {
    /// Stops the server.
    fn stop(&mut self) {
        self.server.take();
    }
}

/// Runs `step` with the group's server, starting it first (and saying how long that took)
/// when this is the group's first step.
fn with_shared(
    shared: &mut Shared,
    start: fn() -> Result<DevServer, String>,
    step: impl FnOnce(&DevServer) -> Outcome,
) -> Outcome {
    let mut note = None;
    if shared.server.is_none() && shared.error.is_none() {
        let t = Instant::now();
        match start() {
            Ok(server) => shared.server = Some(server),
            Err(e) => shared.error = Some(e),
        }
        note = Some(format!(
            "incl. {:.0} s shared set-up (dev server, test build)",
            t.elapsed().as_secs_f64()
        ));
    }
    let mut outcome = match (&shared.server, &shared.error) {
        (Some(server), _) => step(server),
        (None, Some(e)) => failed_outcome(e.clone()),
        (None, None) => unreachable!("started above"),
    };
    outcome.note = note;
    outcome
}

/// `cargo fmt --check`, then clippy with warnings denied for the native workspace and for the
/// library in wasm32; the library's `#![warn(missing_docs)]` is an error here too. Each check
/// counts as one test; all three run even when one fails.
fn lint() -> Outcome {
    let checks: [(&str, &[&str]); 3] = [
        ("rustfmt", &["fmt", "--all", "--check"]),
        (
            "clippy (native)",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ),
        (
            "clippy (wasm32)",
            &[
                "clippy",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "waldur-backups",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ),
    ];
    let mut outcome = Outcome::default();
    let mut failures = Vec::new();
    for (name, args) in checks {
        println!("-- {name}: cargo {}", args.join(" "));
        match tools::run(command("cargo").args(args)) {
            Ok(()) => outcome.passed += 1,
            Err(_) => {
                outcome.failed += 1;
                failures.push(name);
            }
        }
    }
    if !failures.is_empty() {
        outcome.error = Some(format!("{} found problems", failures.join(", ")));
    }
    outcome
}

fn native() -> Outcome {
    let mut cmd = command("cargo");
    cmd.args(devserver::NATIVE_TESTS);
    counted(cmd)
}

/// The dev server of the browser tests (manual clock, axe-core served), and the browser test
/// binary built against its URL: the tests read it at compile time, so one server for all
/// engines means one build.
fn start_browser_server() -> Result<DevServer, String> {
    let bin = devserver::build_for_tests()?;
    let axe = tools::tools_dir().join("node_modules/axe-core");
    let server = devserver::start(
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
    )?;
    println!("dev server for browser tests at {}", server.url);
    // Build the test binary first, so the time limit below only ever applies to running.
    let mut build = command("cargo");
    build
        .args(browser_test_args())
        .arg("--no-run")
        .env("WALDUR_DEVSERVER_URL", &server.url);
    tools::run(&mut build)?;
    Ok(server)
}

/// The browser tests (or only the area `only_file`) in one engine: one test binary, so one
/// browser session and one pass of the test runner over one wasm file.
fn browser(engine: Engine, server: &DevServer, only_file: Option<&str>) -> Outcome {
    let display = match engine.needs_display().then(Display::start).transpose() {
        Ok(display) => display,
        Err(e) => return failed_outcome(e),
    };
    // The stalls seen before ("Loading scripts...", no test run) were the test runner's HTTP
    // server never answering one request, fixed in the runner `cargo xtask setup` installs (see
    // `setup::TINY_HTTP_POOL_BUG`): 0 stalls in 32 runs, 4 in 16 before. One more run after a
    // stall before any test ran stays as a safety net; it is announced, and a failing test
    // never reruns.
    let run = || {
        let mut cmd = command("cargo");
        cmd.args(browser_test_args());
        if let Some(area) = only_file {
            // The runner matches a filter anywhere in `<module>::<function>`; no area's name
            // ends another's (`browser_areas_are_selected_alone`), so `table::` is one area.
            cmd.args(["--", &format!("{area}::")]);
        }
        cmd.env("WALDUR_DEVSERVER_URL", &server.url)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "180");
        engine.for_browser_tests(&mut cmd);
        if let Some(display) = &display {
            cmd.env("DISPLAY", &display.name);
        }
        counted_within(cmd, Some(BROWSER_SILENCE_LIMIT))
    };
    let mut outcome = run();
    if outcome.stalled && outcome.passed == 0 && outcome.failed == 0 {
        println!("xtask: the browser tests stalled before any test ran; running them once more");
        outcome = run();
    }
    if outcome.stalled {
        println!("xtask: the browser tests stalled: no output within the time limit");
    }
    outcome
}

/// The browser tests' binary: `tests/browser/main.rs`, one module per area.
const BROWSER_TEST_BINARY: &str = "browser";

/// `cargo test` arguments that build or run the browser test binary.
fn browser_test_args() -> [&'static str; 7] {
    [
        "test",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "waldur-backups",
        "--test",
        BROWSER_TEST_BINARY,
    ]
}

/// Longest the browser test runner may print nothing (each test takes seconds; its own
/// per-test limit, `WASM_BINDGEN_TEST_TIMEOUT`, is 180 s and reports the test as failed
/// first); past it the browser has stalled and the whole process group (runner, driver,
/// browser) is killed.
const BROWSER_SILENCE_LIMIT: Duration = Duration::from_secs(240);

/// The areas of the browser tests (`tests/browser/*.rs` but `main.rs`), each a module of the
/// one browser test binary.
fn browser_test_files() -> Vec<String> {
    let mut areas = test_files("tests/browser");
    areas.retain(|a| a != "main");
    areas
}

/// The end-to-end test files (`e2e/tests/*.rs`).
fn e2e_test_files() -> Vec<String> {
    test_files("e2e/tests")
}

/// The names of the `.rs` files in `dir` (relative to the root), sorted.
fn test_files(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(tools::root().join(dir))
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

/// The dev server of the end-to-end tests, serving the release bundle (built here if the
/// `bundle` step did not run) with a real clock, and the e2e tests built.
fn start_e2e_server() -> Result<DevServer, String> {
    let dist = tools::root().join("dist");
    if !dist.join("waldur-backups_bg.wasm").exists() {
        tools::run(command("trunk").args(["build", "--release"]))?;
    }
    // A copy of dist/ with the host pages, the test bundle and a config.json of its own.
    let site = crate::site::from_dist("e2e")?;
    crate::site::add_e2e_pages(&site)?;
    let bin = devserver::build_for_tests()?;
    let server = devserver::start(
        &bin,
        &[
            "--port",
            "0",
            "--static",
            site.to_str().expect("utf-8 path"),
            "--second-port",
            "0",
            "--clock",
            "real",
            "--step-ms",
            "1500",
        ],
        false,
    )?;
    // The standalone page reads config.json beside it.
    crate::site::write_config(&site, &server.url)?;
    println!("dev server for end-to-end tests at {}", server.url);
    tools::run(command("cargo").args(["test", "--no-run", "-p", "e2e"]))?;
    Ok(server)
}

/// The end-to-end tests (or only the file `only_file`) in one engine, one test at a time (each
/// starts its own driver).
fn e2e(engine: Engine, server: &DevServer, only_file: Option<&str>) -> Outcome {
    let display = match engine.needs_display().then(Display::start).transpose() {
        Ok(display) => display,
        Err(e) => return failed_outcome(e),
    };
    let mut cmd = command("cargo");
    cmd.args(["test", "--no-fail-fast", "-p", "e2e"]);
    match only_file {
        Some(file) => cmd.args(["--test", file]),
        None => cmd.args(["--lib", "--tests"]),
    };
    cmd.args(["--", "--test-threads=1"])
        .env("E2E_BASE_URL", &server.url)
        .env("E2E_DEVSERVER_BIN", &server.binary);
    engine.for_e2e_tests(&mut cmd);
    if let Some(display) = &display {
        cmd.env("DISPLAY", &display.name);
    }
    counted(cmd)
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

/// Like [`counted`], but kills the command's whole process group once it has printed no line
/// for `limit`.
fn counted_within(mut cmd: Command, limit: Option<Duration>) -> Outcome {
    use std::os::unix::process::CommandExt;
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
    use std::sync::Arc;
    let description = tools::describe(&cmd);
    cmd.process_group(0);
    let mut child = match cmd.stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn() {
        Ok(child) => child,
        Err(e) => return failed_outcome(format!("could not start {description}: {e}")),
    };
    let finished = Arc::new(AtomicBool::new(false));
    let killed = Arc::new(AtomicBool::new(false));
    // Milliseconds after `started` at which the command last printed a line.
    let started = Instant::now();
    let last_line = Arc::new(AtomicU64::new(0));
    if let Some(limit) = limit {
        let (finished, killed, group) = (finished.clone(), killed.clone(), child.id());
        let last_line = last_line.clone();
        std::thread::spawn(move || {
            let silent =
                || started.elapsed() - Duration::from_millis(last_line.load(Ordering::SeqCst));
            while silent() < limit {
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
        last_line.store(started.elapsed().as_millis() as u64, Ordering::SeqCst);
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
            "{description} printed nothing for too long and was stopped"
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
    use super::{parse_test_result, selection};

    fn names(args: &[&str]) -> Result<Vec<String>, String> {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        selection(&args).map(|s| s.steps.iter().map(|s| s.name()).collect())
    }

    #[test]
    fn every_step_runs_in_every_engine_by_default_lint_first() {
        assert_eq!(
            names(&[]).unwrap(),
            [
                "lint",
                "native",
                "browser-chromium",
                "browser-firefox",
                "browser-webkit",
                "bundle",
                "package",
                "e2e-chromium",
                "e2e-firefox",
                "e2e-webkit",
                "bench-smoke"
            ]
        );
    }

    #[test]
    fn only_browser_and_e2e_mean_every_selected_engine() {
        assert_eq!(
            names(&["--only", "browser,e2e", "--browsers", "firefox,chromium"]).unwrap(),
            [
                "browser-chromium",
                "browser-firefox",
                "e2e-chromium",
                "e2e-firefox"
            ]
        );
        assert_eq!(
            names(&["--only", "native,e2e-webkit"]).unwrap(),
            ["native", "e2e-webkit"]
        );
        assert_eq!(
            names(&["--browsers", "webkit", "--only", "browser-chromium,lint"]).unwrap(),
            ["lint"]
        );
    }

    #[test]
    fn unknown_steps_browsers_and_options_are_refused() {
        assert!(names(&["--only", "browsers"])
            .unwrap_err()
            .contains("browser-webkit"));
        assert!(names(&["--browsers", "edge"]).unwrap_err().contains("edge"));
        assert!(names(&["--fast"]).unwrap_err().contains("--fast"));
        assert!(names(&["--only"]).is_err());
        assert!(names(&["--test", "no_such_file"])
            .unwrap_err()
            .contains("table_i18n"));
    }

    #[test]
    fn one_test_file_is_named_with_or_without_its_extension() {
        let pick = |args: &[&str]| {
            let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            selection(&args).unwrap().test_file
        };
        assert_eq!(
            pick(&["--test", "table.rs", "--only", "browser"]).as_deref(),
            Some("table")
        );
        assert_eq!(pick(&["--test", "embed"]).as_deref(), Some("embed"));
        assert_eq!(pick(&[]), None);
        // Only the steps of that kind of test file run.
        let steps = names(&[
            "--test",
            "embed",
            "--only",
            "browser,e2e",
            "--browsers",
            "webkit",
        ]);
        assert_eq!(steps.unwrap(), ["e2e-webkit"]);
        let steps = names(&["--test", "smoke", "--only", "browser,e2e"]);
        assert_eq!(
            steps.unwrap(),
            ["browser-chromium", "browser-firefox", "browser-webkit"]
        );
    }

    #[test]
    fn browser_areas_are_selected_alone() {
        let areas = super::browser_test_files();
        assert!(areas.len() > 20 && areas.contains(&"table".to_string()));
        for area in &areas {
            let filter = format!("{area}::");
            for other in areas.iter().filter(|o| *o != area) {
                assert!(
                    !format!("{other}::").contains(&filter),
                    "`--test {area}` would also run `{other}`: rename one of them"
                );
            }
        }
    }

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
